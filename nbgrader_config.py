"""nbgrader settings of the course: which folder is which, time limits, the shared header."""

import os

c = get_config()  # noqa: F821 - nbgrader provides get_config when it reads this file

c.CourseDirectory.course_id = "visiondl"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "course"
c.CourseDirectory.solution_directory = "solutions"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
# Folders of source/ that are not assignments, and files that never reach students.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", ".DS_Store"]

# Each notebook starts with the shared instructions, written once.
c.IncludeHeaderFooter.header = "source/header.ipynb"

# A cell may run 5 minutes (training cells under grading take well under one);
# past that it is interrupted, scored as failed, and the rest of the notebook still runs.
c.Execute.timeout = 300
c.Execute.interrupt_on_timeout = True

# A student who deletes a graded cell gets it back from the gradebook, scored as the original.
c.OverwriteCells.add_missing_cells = True

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# The exchange (release → fetch → submit → collect) of a course on one machine: a folder beside the
# course, so the Assignment List works under `make course`. A JupyterHub class sets
# NBGRADER_EXCHANGE to a folder every user can reach (README: Running a class).
c.Exchange.root = os.environ.get(
    "NBGRADER_EXCHANGE", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".exchange")
)
