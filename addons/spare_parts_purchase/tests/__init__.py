from . import test_workspace
from . import test_receiving
from . import test_bill_comparison
