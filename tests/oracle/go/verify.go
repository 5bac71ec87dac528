// Command verify is the Go oracle of kube-tls-doctor's differential tests.
//
// It reads a JSON array of cases on stdin, runs crypto/x509's Certificate.Verify for
// each exactly as crypto/tls does for a client (Roots = the case's roots, Intermediates =
// the served chain after the leaf, DNSName = the dialled host, default KeyUsages), and
// prints a JSON array of verdicts with err.Error() verbatim. Standard library only.
package main

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"time"
)

type oracleCase struct {
	ID            string   `json:"id"`
	Leaf          string   `json:"leafPem"`
	Intermediates []string `json:"intermediatesPem"`
	Roots         []string `json:"rootsPem"`
	Host          string   `json:"host"`
	Now           string   `json:"now"`
}

type verdict struct {
	ID         string  `json:"id"`
	OK         bool    `json:"ok"`
	Message    *string `json:"message"`
	NativeCode *string `json:"nativeCode"`
	// "parse-leaf" when the leaf itself did not parse (the error is ParseCertificate's).
	Stage string `json:"stage,omitempty"`
}

func parseOne(text string) (*x509.Certificate, error) {
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return nil, errors.New("no PEM block")
	}
	return x509.ParseCertificate(block.Bytes)
}

func pool(texts []string) *x509.CertPool {
	p := x509.NewCertPool()
	for _, text := range texts {
		// As AppendCertsFromPEM: a block that does not parse is skipped.
		if cert, err := parseOne(text); err == nil {
			p.AddCert(cert)
		}
	}
	return p
}

func run(c oracleCase) verdict {
	fail := func(err error) verdict {
		message := err.Error()
		return verdict{ID: c.ID, OK: false, Message: &message}
	}
	now, err := time.Parse(time.RFC3339Nano, c.Now)
	if err != nil {
		return fail(fmt.Errorf("oracle: bad time: %w", err))
	}
	leaf, err := parseOne(c.Leaf)
	if err != nil {
		failed := fail(err)
		failed.Stage = "parse-leaf"
		return failed
	}
	_, err = leaf.Verify(x509.VerifyOptions{
		DNSName:       c.Host,
		Roots:         pool(c.Roots),
		Intermediates: pool(c.Intermediates),
		CurrentTime:   now.UTC(),
	})
	if err != nil {
		return fail(err)
	}
	return verdict{ID: c.ID, OK: true}
}

func main() {
	var cases []oracleCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "oracle: cannot read cases:", err)
		os.Exit(2)
	}
	verdicts := make([]verdict, 0, len(cases))
	for _, c := range cases {
		verdicts = append(verdicts, run(c))
	}
	if err := json.NewEncoder(os.Stdout).Encode(verdicts); err != nil {
		fmt.Fprintln(os.Stderr, "oracle: cannot write verdicts:", err)
		os.Exit(2)
	}
}
