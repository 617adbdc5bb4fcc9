# common: ja

## Shared pieces

list-separator = 、
verbatim = { $text }

## Form fields
range-start-label = { $field } 開始
range-end-label = { $field } 終了
range-start-placeholder = 開始 (例: 10.0.0.10)
range-end-placeholder = 終了
