from . import test_personal_warehouse
from . import test_request
from . import test_consumption_stock
from . import test_returns
from . import test_transfer_adjustment
from . import test_inventory
from . import test_special_cases
from . import test_integration
