// Templating: placeholder until the module's first file lands.
enum TemplatingPlaceholder {}
