"""What the participation plugin announces, so that its parts stay loosely coupled.

Each signal is sent after the transaction that caused it has committed.
"""

from django.dispatch import Signal

# A proposal reached its consultation's support threshold. Keyword arguments: proposal.
support_threshold_reached = Signal()

# Staff handed a proposal to the City for a formal answer. Keyword arguments: proposal, user.
sent_to_city = Signal()

# The assembly delivered its annual report to the City. Keyword arguments: report, items (the
# approved recommendations the City must answer).
assembly_report_delivered = Signal()
