from . import sale_b2b_reservation_adjust
from . import sale_b2b_confirm_override
