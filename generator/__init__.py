"""khrongkan: documents-as-code for Thai community-organization committees.

The pipeline: load -> validate -> model -> documents / pages / summaries.
"""

__version__ = "0.1.0"
