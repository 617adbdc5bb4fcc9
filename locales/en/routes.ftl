# routes: en
