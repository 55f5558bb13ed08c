/* CLibXML2: the system libxml2 (libxml2-dev).
 * LIBXML_ICU_ENABLED must be undefined after xmlversion.h, or Debian's ICU headers clash with
 * Foundation's bundled ICU ("'UErrorCode' has different definitions"). It only hides two ICU
 * pointer fields at the end of xmlCharEncodingHandler: never allocate that struct from Swift. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlIO.h>
