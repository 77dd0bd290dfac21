"""Collection of the documentation by pytest.

The notebooks are run by ``tests/test_notebook.py`` (as scripts, and as the
build renders them), not imported as doctest modules: importing one would
run it and leave its images in ``docs/notebooks``.
"""

collect_ignore_glob = ["notebooks/*.py"]
