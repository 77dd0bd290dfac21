"""The package facade."""

from __future__ import annotations

import importlib
import importlib.resources
import subprocess
import sys

import pytest

import incompany_rules
from incompany_rules import data, export

# Helpers and type aliases that stay in their module: incompany_rules.policy.money, ...
_MODULE_ONLY = {
    "Language",
    "end_of_day",
    "slot_registration_closes",
    "money",
    "email_address",
    "numbers_of",
    "Cell",
    "Row",
    "PSEUDONYM_LENGTH",
    "FORMAT_VERSION",
    "Scenario",
    "MIN_KEY_BYTES",
    "MAX_DAYS",
}


class TestPackage:
    def test_every_name_in_all_resolves_once(self) -> None:
        assert len(set(incompany_rules.__all__)) == len(incompany_rules.__all__)
        for name in incompany_rules.__all__:
            assert getattr(incompany_rules, name) is not None

    def test_the_facade_re_exports_every_public_name_of_the_rule_modules(self) -> None:
        facade = set(incompany_rules.__all__)
        for name in (
            "actions",
            "batch",
            "data",
            "decisions",
            "errors",
            "export",
            "fees",
            "milestones",
            "participants",
            "policy",
            "recap",
            "registration",
            "rules",
            "session",
            "transitions",
        ):
            module = importlib.import_module(f"incompany_rules.{name}")
            missing = set(module.__all__) - facade - _MODULE_ONLY
            assert set() == missing, module.__name__

    def test_the_package_ships_its_type_information(self) -> None:
        assert importlib.resources.files("incompany_rules").joinpath("py.typed").is_file()

    def test_importing_the_package_does_not_import_babel(self) -> None:
        """Babel weighs more than the library: it is imported when a text is first written."""
        code = (
            "import sys, incompany_rules.texts; print('babel' in sys.modules);"
            " incompany_rules.texts.money(1); print('babel' in sys.modules)"
        )
        result = subprocess.run(  # noqa: S603 (a fixed command)
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert ["False", "True"] == result.stdout.split()

    def test_importing_the_package_builds_the_values_and_loads_the_fees_when_asked(self) -> None:
        """A program that makes sessions and asks for no fee nor action does not build their classes."""
        loaded = "print(sorted(m[16:] for m in sys.modules if m.startswith('incompany_rules.')))"
        code = (
            f"import sys; from incompany_rules import Session; {loaded};"
            f" from incompany_rules import fees_due; {loaded}"
        )
        result = subprocess.run(  # noqa: S603 (a fixed command)
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        calendar = "errors instants milestones participants policy process rules session validation"
        fees = sorted([*calendar.split(), "fees", "languages", "texts"])
        assert [str(calendar.split()), str(fees)] == result.stdout.splitlines()

    def test_no_public_name_gives_a_module_once_every_module_is_imported(self) -> None:
        """A module takes its package's attribute of its name when it is first imported.

        So a public name that is also a module's (the function `milestones`)
        must be bound when the package is imported, after its module: loaded
        on first use, the module imported by another would take its place.
        """
        code = (
            "import importlib, pkgutil, types, incompany_rules as package\n"
            "for module in pkgutil.walk_packages(package.__path__, 'incompany_rules.'):\n"
            "    importlib.import_module(module.name)\n"
            "print([name for name in package.__all__\n"
            "       if isinstance(getattr(package, name), types.ModuleType)])"
        )
        result = subprocess.run(  # noqa: S603 (a fixed command)
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == result.stdout.strip()

    def test_importing_the_package_does_not_import_hypothesis(self) -> None:
        code = "import sys, incompany_rules; print('hypothesis' in sys.modules)"
        result = subprocess.run(  # noqa: S603 (a fixed command)
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False" == result.stdout.strip()

    def test_a_name_imported_on_first_use_is_its_module_own_and_stays_bound(self) -> None:
        assert incompany_rules.__getattr__("to_data") is data.to_data
        assert vars(incompany_rules)["to_data"] is data.to_data
        assert incompany_rules.__getattr__("InvalidRowError") is export.InvalidRowError

    def test_an_unknown_name_is_an_attribute_error_naming_it(self) -> None:
        name = "to_dat"
        with pytest.raises(AttributeError) as raised:
            getattr(incompany_rules, name)
        assert "module 'incompany_rules' has no attribute 'to_dat'" == str(raised.value)
        assert not hasattr(incompany_rules, "__version_info__")

    def test_dir_lists_every_public_name_and_what_is_loaded(self) -> None:
        listed = dir(incompany_rules)
        assert set(incompany_rules.__all__) <= set(listed)
        assert {"__getattr__", "__dir__", "TYPE_CHECKING"} <= set(listed)
