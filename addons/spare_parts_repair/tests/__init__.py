from . import test_admin_tours
from . import test_mode_advanced
from . import test_overview
