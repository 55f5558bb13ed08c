// LotseWeb: placeholder until the module's first file lands.
enum LotseWebPlaceholder {}
