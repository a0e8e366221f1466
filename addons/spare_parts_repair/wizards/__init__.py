from . import spare_parts_repair_scrap
