# pages: en
