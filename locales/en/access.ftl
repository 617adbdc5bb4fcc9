# access: en
