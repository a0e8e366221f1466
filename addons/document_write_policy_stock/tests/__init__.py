from . import test_stock_ledger_policy
