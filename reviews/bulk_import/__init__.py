"""Moving a partnership's archive in: its old reviews and their PDFs from one ZIP file.

The ZIP holds the PDFs and a `manifest.csv` with one row per document (the columns are in
`manifest.py` and the README). Two steps, both here:

- `plan_import` (the dry run): every review and document that would be created and every
  problem, with its row; nothing is written.
- `import_reviews`: the same plan, and if it has no problems, every review as a draft and every
  file through the upload pipeline, in one transaction: all or nothing.

Modules: `package.py` reads the ZIP safely (path tricks, size limits), `manifest.py` reads the
rows, `plan.py` makes the plan, `run.py` carries it out. Who may import is reviews/roles.py's
`may_import_reviews`. (A whole-site backup and restore is a different thing: dhrsite/archive.py.)
"""

from .manifest import COLUMNS, manifest_template
from .plan import ImportPlan, PlannedDocument, PlannedReview, Problem, plan_import
from .run import ImportRefused, ImportReport, import_reviews, import_steps

__all__ = [
    "COLUMNS",
    "ImportPlan",
    "ImportRefused",
    "ImportReport",
    "PlannedDocument",
    "PlannedReview",
    "Problem",
    "import_reviews",
    "import_steps",
    "manifest_template",
    "plan_import",
]
