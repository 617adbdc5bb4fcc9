# validation: en

## Address ranges
range-reversed = starts at { $start } but ends before it at { $end }; the start must not be after the end
