# common: en

## Shared pieces

# Joins the items of a list in a sentence.
list-separator = {", "}
# Text shown as it came (a system error); no translation.
verbatim = { $text }

## Form fields
# The hidden labels of a range's two inputs, for screen readers.
range-start-label = { $field } start
range-end-label = { $field } end
range-start-placeholder = Start, e.g. 10.0.0.10
range-end-placeholder = End
