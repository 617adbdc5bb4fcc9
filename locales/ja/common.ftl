# common: ja

## Shared pieces

list-separator = 、
verbatim = { $text }
