/* CCrypto: OpenSSL's libcrypto (libssl-dev): hashing, HMAC, random bytes, scrypt. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/err.h>
