/**
 * What each finding code means, when it happens and how to fix it: the report's short
 * form and `explain`'s long form from one record, keyed by every FindingCode, so a new
 * code does not compile until it is explained here.
 */
import type { FindingCode } from '../report/findings.js';

export interface Explanation {
  readonly title: string;
  /** What went wrong, in plain words. */
  readonly explanation: string;
  /** What to do about it. */
  readonly fix: string;
  /** Where the rule comes from. */
  readonly sources: readonly string[];
  /** When it happens, in the clusters this tool is about (`explain`'s long form). */
  readonly when: string;
  /** Bundled fixtures that show it (fixtures/<name>/scenario.json). */
  readonly fixtures: readonly string[];
}

const REISSUE =
  'Reissue the apiserver certificate with the missing names as SANs (kube-apiserver --tls-cert-file/--tls-private-key-file, ' +
  'or kubeadm --apiserver-cert-extra-sans), then give the pods the CA that signs it (kube-controller-manager --root-ca-file).';

export const EXPLANATIONS: Readonly<Record<FindingCode, Explanation>> = {
  expired: {
    title: 'Certificate has expired',
    explanation:
      "The current time is after the certificate's NotAfter. Self-signed apiserver certificates live exactly one year and, " +
      'since Kubernetes 1.3, are no longer regenerated while apiserver.crt and apiserver.key exist.',
    fix:
      'Reissue the certificate (for a self-signed one: delete apiserver.crt/apiserver.key in --cert-dir and restart the apiserver), ' +
      'then distribute the new CA to the pods (--root-ca-file, restart the controller-manager, recreate old token secrets).',
    sources: ['RFC 5280 §4.1.2.5', 'Go crypto/x509 CertificateInvalidError Expired'],
    when: 'A self-signed apiserver certificate a year after it was generated: from Kubernetes 1.3 on it is no longer regenerated while apiserver.crt/.key exist, so an apiserver that runs (or restarts) for a year serves an expired one. Also any chain certificate past its NotAfter.',
    fixtures: ['expired'],
  },
  'not-yet-valid': {
    title: 'Certificate is not yet valid',
    explanation:
      "The current time is before the certificate's NotBefore: usually a client clock behind the apiserver's. Before Kubernetes 1.12 " +
      'self-signed certificates started at the exact moment of generation, so any skew failed right after an apiserver restart.',
    fix: 'Synchronise the clocks (NTP). Kubernetes 1.12+ back-dates self-signed certificates by one hour (client-go@ad896870).',
    sources: ['RFC 5280 §4.1.2.5', 'kubernetes/client-go@ad896870'],
    when: "Right after an apiserver restart, on a node whose clock is behind the master's: before Kubernetes 1.12 self-signed certificates start at the second they were generated (client-go@ad896870 added one hour of back-dating).",
    fixtures: ['not-yet-valid'],
  },
  'ip-not-in-sans': {
    title: 'The dialled IP is not among the IP SANs',
    explanation:
      "The client dials an IP address, which is only ever compared with the certificate's IP SANs. The certificate lists other IPs: " +
      'typically the kubernetes Service IP changed (a new --service-cluster-ip-range) while the certificate kept the old one, or the reverse.',
    fix: `Add the IP the pods dial (the kubernetes Service ClusterIP, KUBERNETES_SERVICE_HOST) as an IP SAN. ${REISSUE}`,
    sources: ['RFC 6125 §6.2.1 / RFC 9525 IP-ID', 'Go VerifyHostname', 'OpenSSL X509_check_ip'],
    when: 'The pods dial the kubernetes Service IP (KUBERNETES_SERVICE_HOST) but the certificate lists other IPs: the Service kept its old ClusterIP after --service-cluster-ip-range changed, or the certificate was made for another range.',
    fixtures: ['service-ip-changed'],
  },
  'no-ip-sans': {
    title: 'The dialled IP is not in the certificate: it has no IP SANs',
    explanation:
      'The client dials an IP address (in-cluster clients dial KUBERNETES_SERVICE_HOST, an IP). IPs are matched only against IP SANs — ' +
      'never against DNS SANs that spell an IP, and never against the CN — and this certificate has none.',
    fix: `Add the kubernetes Service IP (the first IP of --service-cluster-ip-range) as an IP SAN. ${REISSUE}`,
    sources: ['RFC 2818 §3.1', 'Go HostnameError', 'kubernetes/kubernetes#12186'],
    when: 'The certificate has no IP SANs and a client dials an IP: Kubernetes v0.x self-signed certificates for a host name, kubelet serving certificates (node name only) dialled by node IP, hand-made certificates with DNS names only, or an IP written as a DNS SAN.',
    fixtures: ['missing-service-ip-san', 'kubelet-https', 'ip-as-dns-san'],
  },
  'name-not-in-sans': {
    title: 'The dialled name is not covered by any DNS SAN',
    explanation:
      "The client dials a DNS name and compares it with the certificate's DNS SANs (exactly, or through a wildcard that stands for " +
      'exactly one left-most label). None covers it. The Common Name does not help: clients ignore it when DNS SANs exist.',
    fix: `Add the name as a DNS SAN, or dial a name the certificate already covers. ${REISSUE}`,
    sources: ['RFC 6125 §6.4', 'Go VerifyHostname', 'kubernetes-retired/heapster#571'],
    when: "Heapster dials https://kubernetes.default (v0.19+) or https://kubernetes, or a client uses the service FQDN, and the certificate's DNS SANs do not cover it: certificates made for the master's host name only, or no self-signed version's missing kubernetes.default.svc.cluster.local.",
    fixtures: ['dns-name-missing', 'wildcard-go-rejects'],
  },
  'cn-mismatch': {
    title: 'The client fell back to the Common Name, which does not match',
    explanation:
      'The certificate has no DNS SANs, so this (older or lenient) client compared the dialled name with the subject Common Name — ' +
      'and it differs. A Kubernetes-generated CN such as vm-56-65@1446612345 can never match: it contains "@" and a timestamp.',
    fix: `Put the name in a DNS SAN; CN matching is deprecated (RFC 6125) and removed (RFC 9525, Go 1.15+). ${REISSUE}`,
    sources: ['RFC 2818 §3.1', 'Go ≤1.9 VerifyHostname'],
    when: 'Old clients (Go ≤ 1.9, Node, OpenSSL) fall back to the CN when there are no DNS SANs; a Kubernetes v0.x certificate for an IP host has none, and its CN host@time never matches.',
    fixtures: ['row-a-ip-host'],
  },
  'no-names': {
    title: 'The certificate has no name this client can match',
    explanation:
      'There are no DNS SANs and this client does not use the Common Name, so no DNS name can match.',
    fix: `Add DNS SANs. ${REISSUE}`,
    sources: ['Go 1.10+ HostnameError ("not valid for any names")'],
    when: 'Go 1.10+ with a certificate that has SANs but no DNS SANs (only IPs), dialled by a DNS name.',
    fixtures: ['row-a-ip-host'],
  },
  'legacy-common-name': {
    title: 'Only the legacy Common Name matches',
    explanation:
      'The certificate has no subjectAltName extension. The CN would match, but Go 1.15+ ignores the CN (and Go 1.17 removed the ' +
      'GODEBUG=x509ignoreCN=0 escape hatch), as do RFC 9525 and modern browsers.',
    fix: `Reissue with the name as a DNS SAN (IP SAN for IPs). ${REISSUE}`,
    sources: ['Go 1.15 release notes', 'RFC 9525 §6.3'],
    when: 'A hand-made certificate without a subjectAltName extension, CN = the dialled name, checked by Go 1.15 or later (client-go, kubectl today).',
    fixtures: ['cn-only'],
  },
  'cn-not-hostname': {
    title: 'The Common Name is not a valid hostname',
    explanation:
      'Go 1.11–1.14 still used the CN of certificates without SANs, but only when it looks like a hostname. A CN such as host@1446612345 never does.',
    fix: `Add SANs. ${REISSUE}`,
    sources: ['Go 1.11 crypto/x509 commonNameAsHostname'],
    when: 'Go 1.11–1.14 with a certificate without SANs whose CN is not a valid host name.',
    fixtures: [],
  },
  'eku-incompatible': {
    title: 'Extended key usage does not allow server authentication',
    explanation:
      'The certificate lists extended key usages and serverAuth (or anyExtendedKeyUsage) is not among them, so a TLS client may not accept it for a server.',
    fix: 'Reissue with extendedKeyUsage serverAuth (Kubernetes generators always set it on serving certificates).',
    sources: ['RFC 5280 §4.2.1.12', 'Go checkChainForKeyUsage'],
    when: 'A serving certificate issued with clientAuth only (a client certificate reused as server certificate), or a CA whose EKUs exclude serverAuth.',
    fixtures: ['eku-client-only'],
  },
  'unhandled-critical-extension': {
    title: 'Unknown critical extension',
    explanation:
      'The certificate marks an extension critical that the client does not understand, so it must reject the certificate.',
    fix: 'Reissue without the extension, or mark it non-critical.',
    sources: ['RFC 5280 §4.2'],
    when: 'A certificate from a private PKI that marks a vendor extension critical.',
    fixtures: [],
  },
  'certificate-unparseable': {
    title: 'The client cannot parse the certificate',
    explanation:
      "This client's X.509 parser refuses the certificate (an IP SAN of the wrong length, a malformed DNS SAN, a negative " +
      'serial number, an extension marked critical that must not be), so the TLS handshake fails before any check; a CA it ' +
      'cannot parse is silently left out of the trust pool.',
    fix: 'Reissue the certificate with well-formed fields (a current generator such as kubeadm or cert-manager does).',
    sources: ['Go crypto/x509 ParseCertificate per release', 'Go crypto/tls handshake_client.go'],
    when: 'A hand-made apiserver certificate with an IP SAN of 3 or 5 octets, a DNS SAN with a trailing dot or a space (Go 1.10.0), or, for Go 1.23+, a negative serial number or a critical subject key identifier; Go then fails the TLS handshake with "tls: failed to parse certificate from server".',
    fixtures: [],
  },
  'unknown-authority': {
    title: 'Signed by an unknown authority',
    explanation:
      "No chain leads from the served certificate to a certificate in the trust store (the pod's ca.crt). With Kubernetes " +
      'self-signed certificates this is usually a stale ca.crt: the apiserver regenerated its certificate and the pods still trust the old one.',
    fix:
      'Give the pods the CA that really signs the served certificate: point kube-controller-manager --root-ca-file at it, restart the ' +
      'controller-manager (it rewrites ca.crt in token secrets when it differs), recreate old token secrets and restart the clients (they read ca.crt once).',
    sources: [
      'Go UnknownAuthorityError',
      'kubernetes-retired/heapster#435',
      'kubernetes/kubernetes#54740',
    ],
    when: "The pod's ca.crt does not hold the certificate (or CA) that signs what the apiserver serves: a stale copy after the apiserver regenerated its self-signed certificate, a --root-ca-file that is not the apiserver's issuer, HA masters with their own certificates, or controller-managers with different --root-ca-file.",
    fixtures: [
      'stale-ca',
      'wrong-root-ca',
      'ha-masters',
      'controller-manager-ca-flip',
      'sha1-signature',
    ],
  },
  'self-signed-not-ca': {
    title: 'The trusted certificate is not allowed to sign (Go ≤ 1.7)',
    explanation:
      'ca.crt is the served certificate itself, but that certificate is not a CA (CA:FALSE, no basicConstraints, or no keyCertSign). ' +
      'Go 1.4–1.7 — every Heapster up to v1.3 — still checks that the anchor may sign the leaf, and it may not, so verification fails even ' +
      'though ca.crt is byte-identical to the served certificate. Kubernetes v1.0.x generated exactly such certificates; Go 1.8 accepts a leaf found in the root pool as is.',
    fix:
      'Upgrade the apiserver (v1.1+ makes its self-signed certificate a CA, kubernetes/kubernetes#11285) or serve a certificate signed by a real CA; ' +
      'alternatively run a Heapster built with Go 1.8+ (v1.4 or later).',
    sources: [
      'kubernetes/kubernetes#11285',
      'golang/go#16763',
      'Go CheckSignatureFrom ConstraintViolationError',
    ],
    when: "A Kubernetes v1.0.x apiserver (self-signed, CA:FALSE) whose certificate is the pods' ca.crt, checked by Heapster up to v1.3 (Go 1.4–1.7). Go 1.8+ accepts it.",
    fixtures: ['self-signed-not-ca'],
  },
  'self-signed-untrusted': {
    title: 'Self-signed certificate that is not trusted',
    explanation: 'The served certificate signs itself and is not among the trust anchors.',
    fix: "Put the served certificate (or its CA) into the client's trust store: the pod's ca.crt via --root-ca-file.",
    sources: ['OpenSSL X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT'],
    when: 'OpenSSL and Node name a self-signed served certificate that is not in ca.crt this way: the regenerated certificate of a self-signing apiserver.',
    fixtures: ['stale-ca'],
  },
  'intermediate-not-ca': {
    title: 'An intermediate certificate is not a CA',
    explanation:
      'A certificate in the middle of the chain signed the one below it but is not allowed to sign certificates: its basicConstraints ' +
      'extension is missing or says CA:FALSE.',
    fix: 'Reissue the intermediate with basicConstraints CA:TRUE (and keyCertSign), or send the right intermediate with the serving certificate.',
    sources: [
      'RFC 5280 §4.2.1.9',
      'Go CertificateInvalidError NotAuthorizedToSign',
      'OpenSSL X509_V_ERR_INVALID_CA',
    ],
    when: 'A custom chain whose middle certificate is an ordinary (CA:FALSE) certificate that was used to sign the serving certificate.',
    fixtures: ['intermediate-not-ca'],
  },
  'path-length-exceeded': {
    title: 'Path length constraint exceeded',
    explanation:
      'A CA limits how many intermediates may follow it (pathLenConstraint), and the chain has more.',
    fix: 'Shorten the chain or reissue the CA with a larger (or no) path length constraint.',
    sources: [
      'RFC 5280 §4.2.1.9',
      'Go TooManyIntermediates',
      'OpenSSL X509_V_ERR_PATH_LENGTH_EXCEEDED',
    ],
    when: 'A CA with pathlen:0 above another intermediate.',
    fixtures: [],
  },
  'issuer-name-mismatch': {
    title: 'Issuer name does not match the issuing certificate',
    explanation:
      "The certificate that signed this one (found by its key identifier) has a subject that differs from this certificate's issuer name.",
    fix: 'Reissue the certificate from the CA it names, so that issuer and subject agree byte for byte.',
    sources: ['RFC 5280 §6.1.3', 'Go CertificateInvalidError NameMismatch'],
    when: "A certificate whose AKID points at a CA with a different subject than the certificate's issuer field.",
    fixtures: [],
  },
  'signature-invalid': {
    title: 'Signature does not verify',
    explanation:
      'The issuer named by the certificate was found, but the signature does not verify with its key: typically a CA regenerated with the same ' +
      'name and a new key, so the old and new certificates look alike but are not.',
    fix: 'Distribute the CA that really signed the certificate (compare the key identifiers and fingerprints in this report).',
    sources: [
      'Go UnknownAuthorityError hint "crypto/rsa: verification error"',
      'OpenSSL X509_V_ERR_CERT_SIGNATURE_FAILURE',
    ],
    when: 'The CA was regenerated with the same name and a new key (a CA recreated by a script), so the old ca.crt has the right name but the wrong key.',
    fixtures: ['same-subject-ca'],
  },
  'issuer-key-usage-no-cert-sign': {
    title: 'The issuer may not sign certificates (keyUsage)',
    explanation:
      'The issuing certificate has a keyUsage extension without keyCertSign, so it may not sign the certificate below it.',
    fix: 'Reissue the CA with keyUsage keyCertSign.',
    sources: ['RFC 5280 §4.2.1.3', 'OpenSSL X509_V_ERR_KEYUSAGE_NO_CERTSIGN'],
    when: 'A CA certificate whose keyUsage lacks keyCertSign: a Kubernetes v1.0.x certificate used as the CA of another.',
    fixtures: [],
  },
  'untrusted-root': {
    title: 'The chain ends in a self-signed certificate that is not trusted',
    explanation:
      'The server sends a complete chain up to a self-signed root, but that root is not among the trust anchors.',
    fix: "Add the root to the client's trust store (the pod's ca.crt via --root-ca-file).",
    sources: ['OpenSSL X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN'],
    when: 'The apiserver sends its whole chain including a root that is not in ca.crt.',
    fixtures: [],
  },
  'anchor-not-self-signed': {
    title: 'The trusted certificate is an intermediate whose issuer is missing',
    explanation:
      'The chain reaches a certificate in the trust store that is not self-signed, and OpenSSL (without -partial_chain) only accepts ' +
      "self-signed roots as anchors, so it keeps looking for that certificate's issuer and finds none.",
    fix: 'Put the root CA (the self-signed top of the chain) into the trust store, not only the intermediate.',
    sources: ['OpenSSL X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT', 'openssl-verify(1) -partial_chain'],
    when: 'ca.crt holds only an intermediate CA: Go and Node accept it, OpenSSL (without -partial_chain) does not.',
    fixtures: [],
  },
  'key-usage-incompatible': {
    title: 'Key usage does not allow a TLS server key',
    explanation:
      "The served certificate has a keyUsage extension with none of digitalSignature, keyEncipherment or keyAgreement, so OpenSSL's " +
      'TLS-server purpose check rejects it.',
    fix: 'Reissue with keyUsage digitalSignature and keyEncipherment (what the Kubernetes generators set).',
    sources: ['RFC 5280 §4.2.1.3', 'OpenSSL X509_V_ERR_INVALID_PURPOSE'],
    when: 'A serving certificate whose keyUsage has neither digitalSignature nor keyEncipherment.',
    fixtures: [],
  },
  'signature-check-limit': {
    title: 'Chain building gave up: too many candidate issuers',
    explanation:
      'Go 1.10 and later stop building chains after 100 signature checks. The bundles hold so many certificates with the ' +
      "issuer's name but other keys (look-alike or regenerated CAs) that Go never reached the real one.",
    fix: "Trim ca.crt and the served chain to the certificates that really sign: remove old CAs with the issuer's name.",
    sources: ['Go 1.10/1.19 crypto/x509 verify.go maxChainSignatureChecks'],
    when: 'A ca.crt bundle with very many look-alike CAs (same name, different keys): Go 1.10+ gives up after 100 signature checks.',
    fixtures: [],
  },
  'weak-signature-digest': {
    title: 'Signed with a digest too weak for the TLS security level',
    explanation:
      'A certificate below the trust anchor is signed with SHA-1 (or MD5). OpenSSL 3.0 rates SHA-1 at 63 bits of security, ' +
      'below the 80 that security level 1 (Node, and any default OpenSSL TLS client) demands. Go 1.18+ rejects SHA-1 ' +
      'signatures as well, as an unknown-authority hint.',
    fix: 'Reissue the certificate (and any SHA-1 intermediate) with SHA-256.',
    sources: ['OpenSSL 3.0 x509_vfy.c check_auth_level', 'golang/go#41682'],
    when: 'A chain signed with SHA-1 below the anchor: OpenSSL 3.0 at security level 1 (Debian/Ubuntu default) rejects it during the TLS handshake; Go 1.18+ rejects SHA-1 as insecure.',
    fixtures: ['sha1-signature'],
  },
  'name-not-permitted': {
    title: 'A CA in the chain is not permitted to sign for this name',
    explanation:
      'A root or intermediate carries a nameConstraints extension whose permitted subtrees do not cover a name of the served ' +
      'certificate: a DNS SAN outside the permitted domains, an IP SAN outside the permitted ranges (often the Service IP ' +
      '10.0.0.1 under a CA limited to the pod or node network), an email or URI elsewhere. Go 1.10+ checks every SAN of the leaf ' +
      '(Go 1.18+ also the CA’s own SANs); Go 1.9 and older check only the dialled host against permitted DNS domains — so dialling ' +
      'the Service IP under a DNS-constrained CA fails there; OpenSSL and Node also check a host-like CN when there is no DNS SAN.',
    fix:
      'Reissue the serving certificate with names the CA may sign for, or widen the constraints of the CA (add the Service IP ' +
      'range and the kubernetes.default.svc names), then redistribute the CA (--root-ca-file).',
    sources: [
      'RFC 5280 §4.2.1.10',
      'Go 1.19 crypto/x509 verify.go checkNameConstraints',
      'OpenSSL 3.0 v3_ncons.c NAME_CONSTRAINTS_check',
    ],
    when: 'A private CA limited with nameConstraints (e.g. permitted DNS .cluster.local, IP 10.96.0.0/12) signs an apiserver certificate whose SANs — the Service IP, kubernetes.default — fall outside; or Heapster on Go ≤ 1.9 dials the Service IP under a DNS-only constrained CA.',
    fixtures: [],
  },
  'name-excluded': {
    title: 'A CA in the chain excludes this name',
    explanation:
      'A root or intermediate carries a nameConstraints extension whose excluded subtrees cover a name of the served ' +
      'certificate. Excluded subtrees win over permitted ones. Go 1.9 and older ignore excluded subtrees (and reject a critical ' +
      'extension that has them: the CA never loads).',
    fix: 'Reissue the serving certificate without the excluded name, or issue it from a CA that may sign for it.',
    sources: [
      'RFC 5280 §4.2.1.10',
      'Go 1.19 crypto/x509 verify.go',
      'OpenSSL X509_V_ERR_EXCLUDED_VIOLATION',
    ],
    when: 'A CA whose nameConstraints exclude a domain or range that the apiserver certificate names.',
    fixtures: [],
  },
  'name-constraint-unsupported': {
    title: 'A name constraint cannot be applied to a name',
    explanation:
      'The client could not compare a name with a constraint of the CA: Go rejects a URI SAN with an IP or no host under URI ' +
      'constraints and names it cannot parse; OpenSSL reports an email SAN without "@", a URI without "//host", or a constraint ' +
      'of a kind it does not support (51–53).',
    fix: 'Reissue the serving certificate with well-formed SANs, or drop the constraint kinds the clients cannot apply.',
    sources: [
      'RFC 5280 §4.2.1.10',
      'Go 1.19 crypto/x509 verify.go matchURIConstraint',
      'OpenSSL 3.0 v3_ncons.c nc_match',
    ],
    when: 'A URI SAN with an IP host (or no host) under URI constraints, or an email SAN without @, under a name-constrained CA.',
    fixtures: [],
  },
  'name-constraints-without-sans': {
    title: 'Name-constrained CA, leaf without SANs (Go 1.10–1.14)',
    explanation:
      'A CA has name constraints and the served certificate has no subjectAltName extension, so its Common Name would be used as ' +
      'the host name without being checked. Go 1.10 refuses any such leaf, Go 1.11–1.14 when the CN is a valid host name; Go 1.15+ ' +
      'ignores the CN instead.',
    fix: `Add SANs to the serving certificate. ${REISSUE}`,
    sources: ['Go crypto/x509 NameConstraintsWithoutSANs', 'golang/go#24151'],
    when: 'A CN-only apiserver certificate under a name-constrained CA, checked by Go 1.10–1.14.',
    fixtures: [],
  },
  'name-constraint-limit': {
    title: 'Too many name-constraint comparisons',
    explanation:
      'Checking the names against the constraints would take more comparisons than the client allows: Go 250000 per CA ' +
      '(TooManyConstraints, printed as "x509: unknown error"), OpenSSL 2^20 names × constraints. A pathological certificate.',
    fix: 'Reissue the CA with fewer constraints or the leaf with fewer names.',
    sources: [
      'Go crypto/x509 VerifyOptions.MaxConstraintComparisions',
      'OpenSSL 3.0 v3_ncons.c NAME_CHECK_MAX',
    ],
    when: 'A hostile certificate with huge numbers of names or constraints.',
    fixtures: [],
  },
  'kube-generated-cn': {
    title: "Common Name from the apiserver's self-signed generator",
    explanation:
      'The CN has the form <host>@<unix seconds>: the kube-apiserver generated this certificate itself because it was started without ' +
      '--tls-cert-file. The CN is not a hostname (it contains "@"), changes every time the certificate is regenerated, and is not what ' +
      'clients check — the SANs are. It is a clue to the real problem: a regenerated certificate makes every copy of the old one in ca.crt stale.',
    fix: 'Serve a certificate from a CA you control (--tls-cert-file/--tls-private-key-file), or at least keep --cert-dir on persistent storage so the certificate survives restarts.',
    sources: ['kubernetes/kubernetes#3224', 'client-go util/cert GenerateSelfSignedCertKey'],
    when: 'Every certificate the kube-apiserver made for itself (started without --tls-cert-file). The CN is host@unix-time; it changes at every regeneration, which is a clue to a stale ca.crt, not a cause.',
    fixtures: ['stale-ca', 'self-signed-not-ca', 'service-ip-changed'],
  },
  'self-trust': {
    title: 'The certificate is checked against itself',
    explanation:
      "No --ca was given, so the served certificate is its own trust anchor — as when the pod's ca.crt is a copy of the apiserver's self-signed certificate. " +
      "Pass the pod's real ca.crt with --ca to check trust as well.",
    fix: "Run again with --ca <the pod's ca.crt> to check the chain the pods really use.",
    sources: [],
    when: 'Whenever no --ca is given: the certificate is checked as its own trust anchor, as when ca.crt is a copy of a self-signed apiserver certificate.',
    fixtures: [],
  },
  'trust-unchecked': {
    title: 'Trust was not checked: pass the CA with --ca',
    explanation:
      'The certificate is signed by a CA, not by itself, and no --ca was given. Only the names, the validity period and the ' +
      'key usages were checked; whether the clients trust its issuer was not. The verdict says so (exit code 4) rather than PASS.',
    fix: "Run again with --ca <the CA the clients trust>: the pods' kube-root-ca.crt, a kubeconfig's certificate-authority-data, a webhook's caBundle.",
    sources: [],
    when: 'Whenever a CA-signed certificate is judged without --ca: a kubeadm or k3s apiserver certificate, a webhook certificate from cert-manager.',
    fixtures: ['ca-signed-no-ca'],
  },
  'signature-budget': {
    title: 'Too many candidate issuers: some signatures were not checked',
    explanation:
      'The certificates given (the chain and --ca) offer more issuer candidates than the signature-check budget allows, as a hostile or ' +
      'accidental bundle of look-alike CAs can. The pairs left unchecked counted as not signing, so a chain through them was not found; ' +
      'real clients bound their work too (Go 1.10+ stops after 100 signature checks per verification).',
    fix: 'Pass only the CA bundle the pods really use (their ca.crt) and the chain the server sends.',
    sources: ['Go crypto/x509 verify.go maxChainSignatureChecks'],
    when: 'A --ca bundle or a served chain with thousands of certificates sharing names or key identifiers.',
    fixtures: [],
  },
  'closest-miss': {
    title: 'Closest miss: what ca.crt holds instead of the issuer',
    explanation:
      'The path from the served certificate stops at the certificate named above: nothing in ca.crt or in the served chain ' +
      'signed it. Each candidate is listed with why it does not fit: a different subject (the issuer name does not match), a ' +
      'different key id or a key that does not verify the signature (the same name, regenerated with a new key), not a CA, or ' +
      'outside its validity period. Go adds a "possibly because of" hint only for candidates with the right name.',
    fix:
      'Put the certificate that really signed the served one into the pods\u2019 ca.crt (kube-controller-manager --root-ca-file), ' +
      'or have the apiserver serve a certificate signed by the CA the pods already trust (--tls-cert-file/--tls-private-key-file).',
    sources: [
      'Go 1.2/1.19 crypto/x509 findVerifiedParents/findPotentialParents',
      'OpenSSL 3.0 x509_vfy.c build_chain',
      'kubernetes-retired/heapster#435',
    ],
    when: 'With every unknown authority: it names what ca.crt holds instead — e.g. vm-56-65@1446612345 in ca.crt while the server presents vm-56-65@1446699999 — and why each candidate issuer was rejected.',
    fixtures: ['wrong-root-ca', 'same-subject-ca', 'ha-masters'],
  },
  'stale-ca': {
    title: 'Stale ca.crt: the apiserver regenerated its self-signed certificate',
    explanation:
      'Both the served certificate and the one in ca.crt come from the kube-apiserver\u2019s own self-signing code (CN <host>@<unix seconds>, ' +
      'or <host>-ca@<unix seconds> from Kubernetes 1.11) for the same host, but they are different generations. Up to Kubernetes 1.2 the ' +
      'apiserver generated a new certificate on every start; later it does whenever apiserver.crt and apiserver.key in --cert-dir ' +
      '(/var/run/kubernetes, often a tmpfs) are lost, e.g. on reboot. The service-account token secrets still hold the old certificate ' +
      'as ca.crt, so every in-cluster client (Heapster, client-go) rejects the new one: "x509: certificate signed by unknown authority", ' +
      'without a hint because the timestamped names differ.',
    fix:
      'Keep the certificate stable: give the apiserver a persistent --cert-dir, or better a real certificate with --tls-cert-file/' +
      '--tls-private-key-file. Point kube-controller-manager --root-ca-file at the certificate (or CA) the apiserver now serves and ' +
      'restart the controller-manager: it rewrites ca.crt in token secrets whose ca.crt differs. Delete and recreate token secrets ' +
      'created before ca.crt existed, then restart Heapster and other clients: they read ca.crt once, at start.',
    sources: [
      'kubernetes/kubernetes#54740',
      'kubernetes/kubernetes#19309',
      'kubernetes/kubernetes#20313',
      'kubernetes/kubernetes#11285',
    ],
    when: 'After an apiserver without --tls-cert-file regenerated its certificate: on every start up to Kubernetes 1.2, and later whenever --cert-dir (/var/run/kubernetes, often tmpfs) was lost. `diagnose simulate-restart` shows it happening.',
    fixtures: ['stale-ca'],
  },
  'ca-not-a-ca': {
    title: 'ca.crt holds a certificate that is not a CA',
    explanation:
      'The trust anchor may not sign certificates (CA:FALSE, a v3 certificate without basicConstraints, or keyUsage without ' +
      'keyCertSign): typically the served certificate copied as --root-ca-file, or a Kubernetes v1.0.x self-signed certificate. ' +
      'Go 1.8 and later (Heapster v1.4+, client-go) accept a ca.crt byte-identical to the served certificate without asking whether ' +
      'it is a CA (golang/go#16763); Go 1.4\u20131.7 (Heapster up to v1.3) check it and fail with "x509: certificate signed by unknown ' +
      'authority (possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate" \u2026)". ' +
      'When the non-CA signed another certificate, every Go era fails with that hint; OpenSSL and Node accept a self-signed anchor ' +
      'whatever it says, but reject a non-CA issuer ("invalid CA certificate").',
    fix:
      'Distribute a real CA: upgrade the apiserver (v1.1+ makes its self-signed certificate a CA, kubernetes/kubernetes#11285; ' +
      'v1.11+ generates a separate <host>-ca@<time> CA) or serve a certificate from your own CA, and give that CA to ' +
      'kube-controller-manager --root-ca-file.',
    sources: [
      'golang/go#16763',
      'kubernetes/kubernetes#11285',
      'Go CheckSignatureFrom ConstraintViolationError',
    ],
    when: 'The served certificate (or any CA:FALSE certificate) was copied into ca.crt via --root-ca-file, typically with a Kubernetes v1.0.x self-signed certificate; it only breaks Go 1.4–1.7 clients (Heapster up to v1.3).',
    fixtures: ['self-signed-not-ca'],
  },
  'ip-in-dns-san': {
    title: 'An IP address written as a DNS SAN',
    explanation:
      'A DNS SAN spells an IP address. Clients compare an IP they dial only with IP SANs, so this entry never matches it (Go, Node; OpenSSL X509_check_ip).',
    fix: 'Write IP addresses as IP SANs (IP:10.0.0.1 in OpenSSL config, IPAddresses in Go, not DNSNames).',
    sources: ['RFC 6125 §6.2.1', 'kubernetes/kubernetes#12186'],
    when: 'A hand-made certificate with DNS:10.0.0.1 instead of IP:10.0.0.1 (an OpenSSL config mistake).',
    fixtures: ['ip-as-dns-san'],
  },
  'no-san-extension': {
    title: 'No subjectAltName extension',
    explanation:
      'The certificate names its server only in the Common Name. Go 1.15+ and RFC 9525 ignore the CN, IP hosts never match a CN, and older clients differ in when they use it.',
    fix: `Reissue with SANs. ${REISSUE}`,
    sources: ['RFC 9525', 'Go 1.15 release notes'],
    when: 'A hand-made certificate with only a CN (openssl req -subj "/CN=…" without subjectAltName).',
    fixtures: ['cn-only'],
  },
  'insecure-skip-tls-verify': {
    title: 'TLS verification is switched off: the symptom is hidden, not fixed',
    explanation:
      'The client is configured to accept any certificate, so it never reports the x509 error — and a man in the middle is ' +
      'accepted just as silently. The checks below show what the client would say with verification on.',
    fix: 'Fix the certificate or the CA as the other findings say, then remove insecure-skip-tls-verify (kubeconfig) or insecure=true (Heapster --source).',
    sources: [
      'k8s.io/client-go tools/clientcmd/api Cluster.InsecureSkipTLSVerify',
      'kubernetes-retired/heapster common/kubernetes/configs.go',
    ],
    when: 'A kubeconfig with insecure-skip-tls-verify: true, or Heapster with insecure=true where it is honoured (v0.19+): verification is off, the symptom hidden and the cause still there.',
    fixtures: [],
  },
  'system-roots': {
    title: 'No CA configured: the client falls back to the system roots',
    explanation:
      "The client has no usable CA (no ca.crt in the service-account mount, an unparsable one, or a kubeconfig cluster without a CA), so Go uses the operating system's roots. " +
      "A cluster's own CA is never among them, so the checks here use no trust anchor at all; Heapster images had no system roots either " +
      '(x509: failed to load system roots and no roots provided).',
    fix: "Deliver the cluster CA: kube-controller-manager --root-ca-file puts it into every token secret's ca.crt (recreate secrets made before it was set); for a kubeconfig set certificate-authority-data.",
    sources: [
      'k8s.io/client-go rest/config.go InClusterConfig',
      'kubernetes/kubernetes#11654',
      'kubernetes-retired/heapster#429',
    ],
    when: 'No ca.crt in the pod (token secrets created before Kubernetes put ca.crt in them, or a controller-manager without --root-ca-file talking to the insecure port), so client-go falls back to the system roots — which do not know a private apiserver CA, or do not exist in a scratch image ("x509: failed to load system roots and no roots provided").',
    fixtures: [],
  },
  'serviceaccount-token-missing': {
    title: 'No service-account token: InClusterConfig fails before any TLS',
    explanation:
      'client-go reads the token before anything else and returns the open error when it is missing, so the in-cluster client is never built. ' +
      'The TLS checks here show what would happen once the token is there.',
    fix: 'Mount a service-account token (automountServiceAccountToken, or a projected token volume) into the pod.',
    sources: ['k8s.io/client-go rest/config.go InClusterConfig'],
    when: 'The tokens controller is not running (kube-controller-manager without --service-account-private-key-file) or ServiceAccount admission is off: InClusterConfig fails before any TLS.',
    fixtures: [],
  },
  'heapster-url-ignored': {
    title: 'This Heapster ignores the --source URL with inClusterConfig',
    explanation:
      'Before v0.17 Heapster built its in-cluster client from KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT only and dropped the URL, ' +
      'so it dials the kubernetes Service IP whatever the flag says — the IP must be an IP SAN.',
    fix: 'Upgrade Heapster (v0.17 honours the URL), or make the certificate valid for the Service IP.',
    sources: ['kubernetes-retired/heapster@1b3d77d8', 'kubernetes/kubernetes#11654'],
    when: 'Heapster v0.15–v0.16 with inClusterConfig: the URL in --source is ignored and the Service IP from the environment is dialled (fixed in v0.17, 1b3d77d8).',
    fixtures: [],
  },
  'heapster-insecure-ignored': {
    title: 'This Heapster ignores insecure=true with inClusterConfig',
    explanation:
      'Before v0.19 the in-cluster branch of Heapster never read insecure, so verification stays on (with the pod ca.crt) even though the flag asks to skip it.',
    fix: 'Fix the certificate or the CA (the other findings), or upgrade Heapster to v0.19+ where insecure=true is honoured — which only hides the problem.',
    sources: ['kubernetes-retired/heapster@8361a306', 'kubernetes/kubernetes#11654'],
    when: 'Heapster before v0.19 with inClusterConfig: insecure=true is silently ignored (fixed in 8361a306).',
    fixtures: [],
  },
  'sni-dependent': {
    title: 'The server presents a different certificate depending on SNI',
    explanation:
      'The server picks its certificate by the TLS server name (kube-apiserver --tls-sni-cert-key). Clients that dial an IP send no SNI ' +
      '(RFC 6066 §3) and get the default certificate, clients that dial a DNS name get the one for that name — so one client can pass where another fails.',
    fix: 'Check the certificate each client gets (--sni), and make the default certificate (--tls-cert-file) valid for the Service IP and the in-cluster names.',
    sources: ['RFC 6066 §3', 'kube-apiserver --tls-sni-cert-key'],
    when: 'A load balancer or apiserver with several certificates chooses by SNI, so clients that dial an IP (no SNI) see another certificate than those that dial a name.',
    fixtures: [],
  },
  'webhook-ca-missing': {
    title: 'No caBundle: the kube-apiserver checks this webhook against the system roots',
    explanation:
      'The webhook configuration, CRD conversion webhook or APIService carries no caBundle, so the kube-apiserver verifies the ' +
      "serving certificate against its own system roots. A cluster-internal CA is never among them: every call fails with Go's " +
      '"x509: certificate signed by unknown authority". With the cert-manager.io/inject-ca-from annotation the bundle is ' +
      "copied in by cert-manager's cainjector; empty means it has not run, or cannot find the Certificate.",
    fix:
      "Put the CA that signs the serving certificate into caBundle (base64 of the PEM): from the serving Secret's ca.crt, or let " +
      'cert-manager inject it (annotation cert-manager.io/inject-ca-from: <namespace>/<Certificate>, and a running cainjector).',
    sources: [
      'k8s.io/api admissionregistration/v1 WebhookClientConfig.CABundle',
      'k8s.io/kube-aggregator apiregistration/v1 APIServiceSpec.CABundle',
      'cert-manager docs: CA Injector',
    ],
    when: 'A webhook installed before its CA existed (cainjector not yet run, a Helm chart whose certificate job failed), or a caBundle removed by a re-apply of the plain manifest.',
    fixtures: [],
  },
  'kubeadm-certificate-expired': {
    title: 'A kubeadm certificate has expired',
    explanation:
      "kubeadm issues the control plane's certificates and the client certificates in admin.conf, controller-manager.conf and " +
      'scheduler.conf for one year (the CAs for ten). Past NotAfter the components that present them are refused ' +
      '("x509: certificate has expired or is not yet valid"): kubectl with admin.conf, the apiserver\'s calls to etcd and the kubelets.',
    fix:
      'kubeadm certs check-expiration lists them; kubeadm certs renew <name> (or all) renews each with the same CA, then restart ' +
      'the static pods (kube-apiserver, kube-controller-manager, kube-scheduler, etcd) and copy admin.conf to ~/.kube/config again. ' +
      'The CA does not change, so nothing needs to be redistributed. kubeadm upgrade renews them too.',
    sources: [
      'kubernetes.io/docs: Certificate Management with kubeadm',
      'kubeadm cmd/kubeadm/app/phases/certs/certlist.go',
    ],
    when: 'A kubeadm cluster neither upgraded nor renewed for a year: every leaf certificate expires at once.',
    fixtures: [],
  },
  'kubeconfig-ca-mismatch': {
    title: 'A kubeconfig trusts another CA than pki/ca.crt',
    explanation:
      'The certificate-authority-data in this kubeconfig is not the cluster CA in pki/ca.crt. After kubeadm reset and kubeadm init ' +
      'the new CA has the same name (CN=kubernetes) and another key, so a kubeconfig copied before still looks right and every ' +
      'call fails with "x509: certificate signed by unknown authority (possibly because of … candidate authority certificate "kubernetes")".',
    fix: 'Copy the new /etc/kubernetes/admin.conf to ~/.kube/config (sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config); regenerate a component kubeconfig with kubeadm init phase kubeconfig <name>.',
    sources: ['kubernetes.io/docs: kubeadm reset', 'kubeadm cmd/kubeadm/app/phases/kubeconfig'],
    when: 'After kubeadm reset and init, with the old ~/.kube/config or a kubeconfig restored from a backup.',
    fixtures: [],
  },
};
