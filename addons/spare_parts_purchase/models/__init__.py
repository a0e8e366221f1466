from . import purchase_order
from . import stock_picking
from . import spare_parts_receipt_discrepancy
from . import spare_parts_workspace
from . import spare_parts_bill_comparison
from . import spare_parts_bill_comparison_line
