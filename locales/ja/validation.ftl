# validation: ja

## Address ranges
range-reversed = 開始 { $start } が終了 { $end } より後ろです。開始は終了以前にしてください
