# routes: ja
