# access: ja
