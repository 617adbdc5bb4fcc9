# common: en

## Shared pieces

# Joins the items of a list in a sentence.
list-separator = {", "}
# Text shown as it came (a system error); no translation.
verbatim = { $text }
