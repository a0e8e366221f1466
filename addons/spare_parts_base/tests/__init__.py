from . import test_settings
from . import test_roles
from . import test_work_order
from . import test_consumption
from . import test_service_bom
from . import test_part_replacement
from . import test_barcode
from . import test_usage_report
