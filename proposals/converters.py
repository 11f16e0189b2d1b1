"""URL converters of the plugin (its own, as the plugin may not import the host site)."""

# The largest value of a 64-bit signed integer column: larger ids cannot exist, and the database
# drivers refuse to send them.
MAX_ID = 2**63 - 1


class DatabaseIdConverter:
    """A row id in a URL: digits up to the largest id a table can hold, otherwise no match (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)
