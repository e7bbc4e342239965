"""nbgrader settings every user of the hub gets (on JUPYTER_CONFIG_PATH): the shared exchange.

Students need only this; the instructor's course folder has its own nbgrader_config.py too (the
course's), which reads the same NBGRADER_EXCHANGE.
"""

import os

c = get_config()  # noqa: F821 - nbgrader provides get_config when it reads this file

c.CourseDirectory.course_id = os.environ.get("VISIONDL_COURSE_ID", "visiondl")
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
