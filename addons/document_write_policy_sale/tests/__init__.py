from . import test_sale_line_policy
