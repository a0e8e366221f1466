from . import stock_lot
from . import repair_order
from . import spare_parts_repair_plan
from . import spare_parts_repair_plan_line
from . import stock_quant
