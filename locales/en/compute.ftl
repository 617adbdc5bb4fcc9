# compute: en
