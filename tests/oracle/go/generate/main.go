// Command generate is the Go side of kube-tls-doctor's generator test: it follows the
// kube-apiserver's self-signing recipe per era (pkg/util/crypto.go GenerateSelfSignedCert,
// later client-go util/cert GenerateSelfSignedCertKey*) with the real crypto/x509
// CreateCertificate, so that the TypeScript generator can be compared with it.
//
// Input on stdin: a JSON array of {id, row, host, serviceIp, unix}. Output: a JSON array
// of {id, pem} where pem is apiserver.crt as the apiserver wrote it (leaf, then the CA
// from row F on). Standard library only; keys are fresh and thrown away.
package main

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math"
	"math/big"
	"net"
	"os"
	"time"
)

type request struct {
	ID        string `json:"id"`
	Row       string `json:"row"`
	Host      string `json:"host"`
	ServiceIP string `json:"serviceIp"`
	Unix      int64  `json:"unix"`
}

type answer struct {
	ID  string `json:"id"`
	PEM string `json:"pem"`
}

var kubernetesNames = []string{"kubernetes.default.svc", "kubernetes.default", "kubernetes"}

func serial(row string, fixed int64) *big.Int {
	if row != "H" {
		return big.NewInt(fixed)
	}
	// client-go@a3b4cd32: uniform in [1, MaxInt64).
	n, err := rand.Int(rand.Reader, new(big.Int).SetInt64(math.MaxInt64-1))
	if err != nil {
		panic(err)
	}
	return n.Add(n, big.NewInt(1))
}

func generate(r request) (string, error) {
	now := time.Unix(r.Unix, 0)
	validFrom := now
	if r.Row >= "G" {
		validFrom = now.Add(-time.Hour)
	}
	validTo := validFrom.Add(time.Hour * 24 * 365)

	var ips []net.IP
	var dns []string
	if ip := net.ParseIP(r.Host); ip != nil {
		ips = append(ips, ip)
	} else {
		dns = append(dns, r.Host)
	}
	if r.Row != "A" {
		ips = append(ips, net.ParseIP(r.ServiceIP))
		dns = append(dns, kubernetesNames...)
	}

	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	leaf := x509.Certificate{
		SerialNumber:          serial(r.Row, 1),
		Subject:               pkix.Name{CommonName: fmt.Sprintf("%s@%d", r.Host, now.Unix())},
		NotBefore:             validFrom,
		NotAfter:              validTo,
		KeyUsage:              x509.KeyUsageKeyEncipherment | x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IPAddresses:           ips,
		DNSNames:              dns,
	}
	if r.Row < "F" {
		if r.Row == "D" || r.Row == "E" {
			leaf.IsCA = true
			leaf.KeyUsage |= x509.KeyUsageCertSign
		}
		der, err := x509.CreateCertificate(rand.Reader, &leaf, &leaf, &key.PublicKey, key)
		if err != nil {
			return "", err
		}
		pem.Encode(&out, &pem.Block{Type: "CERTIFICATE", Bytes: der})
		return out.String(), nil
	}

	caKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", err
	}
	caTemplate := x509.Certificate{
		SerialNumber:          serial(r.Row, 1),
		Subject:               pkix.Name{CommonName: fmt.Sprintf("%s-ca@%d", r.Host, now.Unix())},
		NotBefore:             validFrom,
		NotAfter:              validTo,
		KeyUsage:              x509.KeyUsageKeyEncipherment | x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, &caTemplate, &caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		return "", err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return "", err
	}
	leaf.SerialNumber = serial(r.Row, 2)
	der, err := x509.CreateCertificate(rand.Reader, &leaf, ca, &key.PublicKey, caKey)
	if err != nil {
		return "", err
	}
	pem.Encode(&out, &pem.Block{Type: "CERTIFICATE", Bytes: der})
	pem.Encode(&out, &pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	return out.String(), nil
}

func main() {
	var requests []request
	if err := json.NewDecoder(os.Stdin).Decode(&requests); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	answers := []answer{}
	for _, r := range requests {
		text, err := generate(r)
		if err != nil {
			fmt.Fprintln(os.Stderr, r.ID, err)
			os.Exit(1)
		}
		answers = append(answers, answer{ID: r.ID, PEM: text})
	}
	json.NewEncoder(os.Stdout).Encode(answers)
}
