"""nbgrader settings of the instructor's JupyterLab on the hub: the Formgrader works on ~/visiondl.

The course folder (a clone of the repository, VISIONDL_COURSE_ROOT, default ~/visiondl) holds
source/, the gradebook and its own nbgrader_config.py, which is loaded here too, so the Formgrader
and `nbgrader` commands run from that folder see the same settings.
"""

import os

c = get_config()  # noqa: F821 - nbgrader provides get_config when it reads this file

root = os.path.expanduser(os.environ.get("VISIONDL_COURSE_ROOT", "~/visiondl"))
c.CourseDirectory.root = root
if os.path.exists(os.path.join(root, "nbgrader_config.py")):
    load_subconfig(os.path.join(root, "nbgrader_config.py"))  # noqa: F821 - provided by traitlets
