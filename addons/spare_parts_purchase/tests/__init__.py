from . import test_workspace
from . import test_receiving
from . import test_bill_comparison
from . import test_receipt_tour
from . import test_technician_guide
from . import test_overview
