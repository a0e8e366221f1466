from . import spare_parts_serial_prompt
