from . import test_settings
from . import test_ordering_modes
from . import test_validation_rules
from . import test_show_available
from . import test_erp_provider
from . import test_frozen_inventory
from . import test_roles
