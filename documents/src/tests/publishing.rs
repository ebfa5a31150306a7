//! Publishing, replacing and removing documents; who may; what is listed.
use std::collections::BTreeMap;

use alloy_primitives::{Address, B256, U256};
use common::roles::OwnableInvalidOwner;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn the_owner_and_agents_publish_and_anyone_reads(
    documents: Contract<Documents>,
    owner: Address,
    agent: Address,
    token: Address,
    reader: Address,
) {
    deploy(&documents, owner, agent, token);
    assert_eq!(documents.sender(reader).token(), token);

    documents
        .sender(owner)
        .set_document(name("prospectus"), "ipfs://prospectus".into(), hash(1))
        .motsu_unwrap();
    documents.assert_emitted(&DocumentUpdated {
        _name: name("prospectus"),
        _uri: "ipfs://prospectus".into(),
        _documentHash: hash(1),
    });
    documents
        .sender(agent)
        .set_document(
            name("subscription"),
            "https://issuer.example/sa.pdf".into(),
            hash(2),
        )
        .motsu_unwrap();

    assert_eq!(
        documents.sender(reader).get_document(name("prospectus")),
        DocumentRecord("ipfs://prospectus".into(), hash(1), U256::from(NOW))
    );
    assert_eq!(
        documents.sender(reader).get_document(name("subscription")),
        DocumentRecord(
            "https://issuer.example/sa.pdf".into(),
            hash(2),
            U256::from(NOW)
        )
    );
    assert_eq!(
        documents.sender(reader).get_all_documents(),
        vec![name("prospectus"), name("subscription")]
    );
}

#[motsu::test]
fn an_unknown_document_reads_as_empty(
    documents: Contract<Documents>,
    owner: Address,
    agent: Address,
) {
    deploy(&documents, owner, agent, Address::ZERO);
    assert_eq!(
        documents.sender(owner).get_document(name("missing")),
        DocumentRecord(String::new(), B256::ZERO, U256::ZERO)
    );
    assert!(documents.sender(owner).get_all_documents().is_empty());
}

#[motsu::test]
fn replacing_a_document_updates_it_in_place(
    documents: Contract<Documents>,
    owner: Address,
    agent: Address,
) {
    deploy(&documents, owner, agent, Address::ZERO);
    let prospectus = name("prospectus");
    documents
        .sender(owner)
        .set_document(prospectus, "ipfs://v1".into(), hash(1))
        .motsu_unwrap();
    // A longer URI (beyond one storage word), then a shorter one again.
    let long = format!("ipfs://{}", "b".repeat(90));
    for (uri, digest) in [(long.as_str(), hash(2)), ("ipfs://v3", hash(3))] {
        documents
            .sender(agent)
            .set_document(prospectus, uri.into(), digest)
            .motsu_unwrap();
        documents.assert_emitted(&DocumentUpdated {
            _name: prospectus,
            _uri: uri.into(),
            _documentHash: digest,
        });
        assert_eq!(
            documents.sender(owner).get_document(prospectus),
            DocumentRecord(uri.into(), digest, U256::from(NOW))
        );
    }
    assert_eq!(
        documents.sender(owner).get_all_documents(),
        vec![prospectus]
    );
}

#[motsu::test]
fn only_the_owner_and_agents_write(
    documents: Contract<Documents>,
    owner: Address,
    agent: Address,
    stranger: Address,
) {
    deploy(&documents, owner, agent, Address::ZERO);
    documents
        .sender(owner)
        .set_document(name("prospectus"), "ipfs://p".into(), hash(1))
        .motsu_unwrap();

    let refused = DocumentsUnauthorizedAccount { account: stranger }.into();
    let err = documents
        .sender(stranger)
        .set_document(name("prospectus"), "ipfs://forged".into(), hash(9))
        .motsu_unwrap_err();
    assert_eq!(err, refused);
    let err = documents
        .sender(stranger)
        .set_document(name("other"), "ipfs://forged".into(), hash(9))
        .motsu_unwrap_err();
    assert_eq!(err, refused);
    let err = documents
        .sender(stranger)
        .remove_document(name("prospectus"))
        .motsu_unwrap_err();
    assert_eq!(err, refused);

    // A dismissed agent no longer writes.
    documents
        .sender(owner)
        .roles
        .remove_agent(agent)
        .motsu_unwrap();
    let err = documents
        .sender(agent)
        .remove_document(name("prospectus"))
        .motsu_unwrap_err();
    assert_eq!(err, DocumentsUnauthorizedAccount { account: agent }.into());

    // Nothing changed.
    assert_eq!(
        documents.sender(owner).get_document(name("prospectus")),
        DocumentRecord("ipfs://p".into(), hash(1), U256::from(NOW))
    );
    assert_eq!(
        documents.sender(owner).get_all_documents(),
        vec![name("prospectus")]
    );
}

#[motsu::test]
fn names_and_uris_are_checked(documents: Contract<Documents>, owner: Address, agent: Address) {
    deploy(&documents, owner, agent, Address::ZERO);
    let err = documents
        .sender(owner)
        .set_document(B256::ZERO, "ipfs://p".into(), hash(1))
        .motsu_unwrap_err();
    assert_eq!(err, DocumentsInvalidName {}.into());
    let err = documents
        .sender(owner)
        .set_document(name("empty"), String::new(), hash(1))
        .motsu_unwrap_err();
    assert_eq!(err, DocumentsInvalidUri { length: U256::ZERO }.into());
    let err = documents
        .sender(owner)
        .set_document(name("long"), "u".repeat(MAX_URI_BYTES + 1), hash(1))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DocumentsInvalidUri {
            length: U256::from(MAX_URI_BYTES + 1)
        }
        .into()
    );
    assert!(documents.sender(owner).get_all_documents().is_empty());

    // The longest URI and a zero hash are accepted.
    let longest = "u".repeat(MAX_URI_BYTES);
    documents
        .sender(owner)
        .set_document(name("long"), longest.clone(), B256::ZERO)
        .motsu_unwrap();
    assert_eq!(
        documents.sender(owner).get_document(name("long")),
        DocumentRecord(longest, B256::ZERO, U256::from(NOW))
    );
}

#[motsu::test]
fn at_most_256_documents_are_listed(
    documents: Contract<Documents>,
    owner: Address,
    agent: Address,
) {
    deploy(&documents, owner, agent, Address::ZERO);
    let numbered = |i: usize| name(&format!("doc-{i}"));
    for i in 0..MAX_DOCUMENTS {
        documents
            .sender(agent)
            .set_document(numbered(i), "ipfs://d".into(), hash(1))
            .motsu_unwrap();
    }
    let err = documents
        .sender(agent)
        .set_document(numbered(MAX_DOCUMENTS), "ipfs://d".into(), hash(1))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DocumentsTooMany {
            max: U256::from(MAX_DOCUMENTS)
        }
        .into()
    );
    // A full list still takes replacements, and room made by a removal.
    documents
        .sender(agent)
        .set_document(numbered(7), "ipfs://d2".into(), hash(2))
        .motsu_unwrap();
    documents
        .sender(agent)
        .remove_document(numbered(0))
        .motsu_unwrap();
    documents
        .sender(agent)
        .set_document(numbered(MAX_DOCUMENTS), "ipfs://d".into(), hash(1))
        .motsu_unwrap();
    assert_eq!(
        documents.sender(owner).get_all_documents().len(),
        MAX_DOCUMENTS
    );
}

#[motsu::test]
fn removing_a_document_forgets_it_and_keeps_the_others(
    documents: Contract<Documents>,
    owner: Address,
    agent: Address,
) {
    deploy(&documents, owner, agent, Address::ZERO);
    let long = format!("ipfs://{}", "c".repeat(70));
    for (i, doc) in ["a", "b", "c"].iter().enumerate() {
        let uri = if *doc == "a" {
            long.clone()
        } else {
            format!("ipfs://{doc}")
        };
        documents
            .sender(owner)
            .set_document(name(doc), uri, hash(i as u8 + 1))
            .motsu_unwrap();
    }

    documents
        .sender(agent)
        .remove_document(name("a"))
        .motsu_unwrap();
    documents.assert_emitted(&DocumentRemoved {
        _name: name("a"),
        _uri: long,
        _documentHash: hash(1),
    });
    assert_eq!(
        documents.sender(owner).get_document(name("a")),
        DocumentRecord(String::new(), B256::ZERO, U256::ZERO)
    );
    // The last name took the removed one's place.
    assert_eq!(
        documents.sender(owner).get_all_documents(),
        vec![name("c"), name("b")]
    );
    // The moved document is still found and removed by name.
    documents
        .sender(owner)
        .remove_document(name("c"))
        .motsu_unwrap();
    assert_eq!(documents.sender(owner).get_all_documents(), vec![name("b")]);
    assert_eq!(
        documents.sender(owner).get_document(name("b")),
        DocumentRecord("ipfs://b".into(), hash(2), U256::from(NOW))
    );

    // Removed twice, or never published: refused.
    for missing in [name("a"), name("never")] {
        let err = documents
            .sender(owner)
            .remove_document(missing)
            .motsu_unwrap_err();
        assert_eq!(err, DocumentsNotFound { name: missing }.into());
    }
    // A removed name can be published again.
    documents
        .sender(owner)
        .set_document(name("a"), "ipfs://a2".into(), hash(4))
        .motsu_unwrap();
    assert_eq!(
        documents.sender(owner).get_all_documents(),
        vec![name("b"), name("a")]
    );
}

#[motsu::test]
fn the_list_follows_any_sequence_of_writes(
    documents: Contract<Documents>,
    owner: Address,
    agent: Address,
) {
    deploy(&documents, owner, agent, Address::ZERO);
    let mut model: BTreeMap<B256, (String, B256)> = BTreeMap::new();
    let mut seed = 0x2545_f491_u64;
    for step in 0..300u32 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let doc = name(&format!("d{}", seed % 12));
        if seed.is_multiple_of(3) {
            let result = documents.sender(agent).remove_document(doc).motsu_res();
            match model.remove(&doc) {
                Some(_) => assert!(result.is_ok(), "step {step}"),
                None => assert_eq!(result, Err(DocumentsNotFound { name: doc }.into())),
            }
        } else {
            let uri = format!("ipfs://{step}/{}", "x".repeat((seed % 80) as usize));
            documents
                .sender(owner)
                .set_document(doc, uri.clone(), hash(step as u8))
                .motsu_unwrap();
            model.insert(doc, (uri, hash(step as u8)));
        }
        let mut listed = documents.sender(owner).get_all_documents();
        listed.sort();
        assert_eq!(
            listed,
            model.keys().copied().collect::<Vec<_>>(),
            "step {step}"
        );
    }
    for (doc, (uri, digest)) in &model {
        assert_eq!(
            documents.sender(owner).get_document(*doc),
            DocumentRecord(uri.clone(), *digest, U256::from(NOW))
        );
    }
}

#[motsu::test]
fn the_constructor_refuses_a_zero_admin(documents: Contract<Documents>, owner: Address) {
    let err = documents
        .sender(owner)
        .constructor(Address::ZERO, Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        OwnableInvalidOwner {
            owner: Address::ZERO
        }
        .into()
    );
}
