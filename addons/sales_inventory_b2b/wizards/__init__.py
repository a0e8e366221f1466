from . import sale_b2b_reservation_adjust
