from . import document_write_policy_mixin
