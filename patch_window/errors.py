"""The one exception every bad setting or construct prop raises."""

from __future__ import annotations

from collections.abc import Iterable


class PatchWindowValidationError(ValueError):
    """A setting or prop that CloudFormation or SSM would reject, or that cannot work.

    ``problems`` holds one line per problem, each naming where it is (a cdk.json path such as
    ``patch_window.windows[0].cutoff_hours`` or a construct path and prop), the value received
    and what is allowed. The exception's message is those lines joined by newlines.
    """

    def __init__(self, problems: str | Iterable[str]) -> None:
        self.problems: tuple[str, ...] = (
            (problems,) if isinstance(problems, str) else tuple(problems)
        )
        super().__init__("\n".join(self.problems))
