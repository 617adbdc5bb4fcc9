# compute: ja
