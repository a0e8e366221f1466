from . import spare_parts_check_sheet
