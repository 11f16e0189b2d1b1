"""What the participation plugin announces, so that its parts stay loosely coupled.

Each signal but `shown_changed` is sent once, by an outbox task (proposals.outbox) after the
transaction that caused it has committed; receivers run in the task's transaction, so what they
write is kept only if the delivery is, and a failing receiver has the delivery retried.
"""

from django.dispatch import Signal

# A proposal reached its consultation's support threshold. Keyword arguments: proposal.
support_threshold_reached = Signal()

# Staff handed a proposal to the City for a formal answer. Keyword arguments: proposal, user.
sent_to_city = Signal()

# The assembly delivered its annual report to the City. Keyword arguments: report, items (the
# approved recommendations the City must answer).
assembly_report_delivered = Signal()

# What a public page shows of a proposal or a comment changed through a conditional UPDATE,
# which sends no `post_save`: published, withdrawn, hidden, restored, deleted, threshold reached,
# sent to the City, answered. Sent at once, inside the transaction, like `post_save`, so a host
# that keeps copies of pages drops them. Keyword arguments: instance.
shown_changed = Signal()
