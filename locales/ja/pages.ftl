# pages: ja
