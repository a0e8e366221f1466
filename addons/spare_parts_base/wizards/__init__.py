from . import spare_parts_serial_prompt
from . import spare_parts_line_correction
