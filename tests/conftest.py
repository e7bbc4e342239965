"""The suite's fixtures. Helpers live in course_suite.py and are imported from there by name:
tests/browser and tests/hub have conftest.py files of their own, so `from conftest import …`
would be ambiguous once pytest collects all of them."""

from course_suite import graded, shared_data  # noqa: F401 - fixtures pytest finds here
