"""Helpers over spaCy's dependency tree, shared by the stages and the conventions: subjects, objects,
prepositional phrases, clauses. Nothing here knows about CAMEO codes except `target_candidates`, whose
preference order depends on whether the act is a use of force."""
from __future__ import annotations

from newsevents.coding.english import (AMOUNT_NOUNS, BASE_NOUNS, CAPACITY_NOUNS, COUNTERPART_HEADS, DOCUMENT_NOUNS,
                                       FORCE_NOUNS, GARRISON_VERBS, HELP_NOUNS, INNER_PREPS, INTENTION_NOUNS, LOCATIVE,
                                       NAMING_VERBS, OBJECT_CONTROL, OBJECT_DEPS, QUANTITY_NOUNS, REFLEXIVE,
                                       SENT_PEOPLE, SUBJECT_DEPS, TARGET_PREPS)
from newsevents.coding.parse_facts import children, per_token, sentence_bounds, span_text


def subject_of(verb, depth: int = 0):
    """The subject of a verb, inherited from the governing verb for xcomp/conj/participle clauses."""
    subjects = [c for c in children(verb) if c.dep_ in SUBJECT_DEPS]
    if subjects:   # of two (a headline's "Houthis hijack ship, Israel blames Iran"), the one next to the verb
        return max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=subjects[0])
    for c in children(verb):
        if c.dep_ == "agent":        # passive: "was shelled by X"
            for p in children(c):
                if p.dep_ == "pobj":
                    return p
    if depth > 4:
        return None
    sent = _sent_people(verb)
    if sent is not None:
        return sent   # "sending thousands of migrants to storm the border": the migrants storm it
    owner = _intention_owner(verb)
    if owner is not None:
        return owner   # "welcoming the Musharraf pledge to quit", the infinitive hung on the verb: Musharraf quits
    controller = object_controller(verb)
    if controller is not None:
        return controller   # "accused Moscow of attacking", "urged Israel not to attack": the object acts
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ in ("acomp", "xcomp"):
        return subject_of(verb.head.head, depth + 1)   # "France is ready to contribute troops"
    if verb.dep_ == "conj" and verb.head.dep_ == "acomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head, depth + 1)   # "it was deeply concerned and called on Azerbaijan to"
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head != verb and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in children(verb)):
            return None   # "after protesters stormed ...": a clause with its own subject, not ours
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in children(verb)):
            return None   # "Asked whether he would intervene, Bush said": a passive participle's subject is its patient
        if any(c.dep_ == "nsubjpass" for c in children(verb.head)) and verb.dep_ == "conj":
            return None
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "summon" and is_passive(verb.head):
            return None   # "the U.S. ambassador was summoned to protest": the summoner's purpose, not the envoy's
        if verb.dep_ == "xcomp" and not any(c.dep_ == "agent" for c in children(verb.head)):
            raised = next((c for c in children(verb.head) if c.dep_ == "nsubjpass"), None)
            if raised is not None:
                return raised   # "The EU is expected to impose sanctions": the EU imposes them
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB" and \
            (verb.doc[verb.i - 1].text == "," or verb.head.lemma_.lower() in DOCUMENT_NOUNS):
        # "published agreements, demanding that ...", "adopted a resolution demanding": the issuer's; not "to
        # target ships heading to Israel" (the ships head there)
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)):
        owner = next((c for c in children(verb.head) if c.dep_ == "poss" or
                      (c.dep_ == "compound" and c.pos_ == "PROPN")), None)
        if owner is not None:
            return owner   # "welcomed Musharraf's pledge to quit": Musharraf quits
        if verb.head.dep_ in ("dobj", "nsubjpass") and verb.head.head.pos_ == "VERB":
            return subject_of(verb.head.head, depth + 1)   # "send a delegation to meet X": the sender meets X
    return None


def _sent_people(verb):
    """Those sent, when they act on their own account in the infinitive of purpose ("sent migrants to storm")."""
    if verb.dep_ not in ("advcl", "xcomp") or verb.head.lemma_.lower() not in ("send", "bus", "fly", "push") or \
            not any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)):
        return None
    obj = next((c for c in children(verb.head) if c.dep_ == "dobj" and c.i < verb.i), None)
    obj = object_head(obj) if obj is not None else None
    return obj if obj is not None and obj.lemma_.lower() in SENT_PEOPLE else None


def _intention_owner(verb):
    """Whose intention an infinitive is when the parser hangs it on the verb whose object is the intention noun."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)):
        return None
    for noun in children(verb.head):
        if noun.dep_ == "dobj" and noun.lemma_.lower() in INTENTION_NOUNS and noun.i < verb.i:
            return next((c for c in children(noun) if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")),
                        None)
    return None


def object_controller(verb):
    """The governing verb's object when it controls this complement, else None."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        head = head.head
    elif head.pos_ != "VERB" or not (verb.dep_ in ("xcomp", "ccomp") or (
            verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)))):
        return None   # ("called on Belgrade to withdraw" may hang the infinitive as an adverbial clause)
    if head.lemma_.lower() not in OBJECT_CONTROL:
        return None
    if head.lemma_.lower() == "call":   # "called on X to ..."
        for prep in children(head):
            if prep.dep_ == "prep" and prep.lower_ in ("on", "upon"):
                return next((p for p in children(prep) if p.dep_ == "pobj"), None)
        return None
    return next((c for c in children(head) if c.dep_ in ("dobj", "obj")), None)


def helper_phrases(verb) -> list:
    """The nouns of "with help from X", "with X's support" on `verb`: whoever helps is on the actor's side."""
    return [noun for prep in children(verb) if prep.dep_ == "prep" and prep.lower_ == "with"
            for noun in children(prep) if noun.dep_ == "pobj" and noun.lemma_.lower() in HELP_NOUNS]


def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in children(verb))


def prepositional_objects(token):
    for c in children(token):
        if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS:
            for p in children(c):
                if p.dep_ == "pobj" and not (c.lower_ == "with" and p.lemma_.lower() in HELP_NOUNS) and \
                        not (c.lower_ == "as" and p.lemma_.lower() in CAPACITY_NOUNS):
                    yield c.lower_, object_head(p)   # not "with Albania's help" (a helper), "as a friend of X"
                elif p.dep_ == "pcomp":   # "on what it called terrorist infrastructure at nine sites in ..."
                    for x in children(p):
                        if x.dep_ in ("dobj", "oprd") and x.tag_ not in ("WP", "WDT"):
                            yield c.lower_, object_head(x)
                        elif x.dep_ == "prep":
                            yield c.lower_, x
                        elif x.dep_ == "ccomp":   # "on what it said were militant hideouts inside Iran"
                            for y in children(x):
                                if y.dep_ in ("attr", "oprd") and y.tag_ not in ("WP", "WDT"):
                                    yield c.lower_, object_head(y)


def target_candidates(verb, obj, places_are_targets: bool = True, perpetrator_first: bool = False,
                      object_places_are_targets: bool = False, destinations_are_targets: bool = True,
                      origins_are_targets: bool = True) -> list:
    """Target phrase heads in preference order: the object, phrases inside it, then the verb's prepositions.
    A locative phrase ("met in Helsinki", "signed an agreement in South Africa") is a target only when
    `places_are_targets` (uses of force: "struck in Iran"; visits: "arrived in Kabul"). With
    `perpetrator_first`, "crimes by X against Y" is aimed at X (investigating, condemning). Without
    `destinations_are_targets`, where people are carried off to is not ("took dozens of hostages into Gaza");
    without `origins_are_targets`, where a speaker spoke from is not ("said by telephone from Accra")."""
    out = []
    if obj is not None and obj.lower_ not in REFLEXIVE:
        out.append(obj)
        first = "by" if perpetrator_first else ""
        for prep, pobj in sorted(prepositional_objects(obj), key=lambda x: (x[0] != first, TARGET_PREPS.index(x[0]))):
            if prep in LOCATIVE and not (places_are_targets or object_places_are_targets):
                continue   # (with `object_places_are_targets`: "cancelled an exercise in Kenya")
            out.append(pobj)
            out.extend(p for _, p in prepositional_objects(pobj))
    for c in children(verb):
        if c.dep_ in ("dative", "iobj") and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(c)
    # "complained to the U.N. over Israeli air raids": a criticism is aimed at what it is about, not its addressee
    about = ("against", "over") if perpetrator_first else ()
    verb_preps = sorted(prepositional_objects(verb), key=lambda x: (x[0] not in about, TARGET_PREPS.index(x[0])))
    if not places_are_targets:   # "visited" / "arrived in": destination; "cancelled an exercise in Kenya" (the
        # parser may hang it on the verb): a place named right there, not a venue ("at a summit in Accra")
        lashed_out = any(c.dep_ == "prt" and c.lower_ == "out" for c in children(verb))   # "hit out at Japan"
        verb_preps = [(p, t) for p, t in verb_preps if p not in LOCATIVE or p in about or
                      (object_places_are_targets and t.pos_ == "PROPN") or (lashed_out and p == "at")]
    out.extend(p for prep, p in verb_preps if (destinations_are_targets or prep not in ("into", "to", "toward"))
               and (origins_are_targets or prep != "from"))   # "spoke by telephone from Accra": where he was
    return [g for t in out for g in (*_garrison(t), t)]


def _garrison(noun) -> tuple:
    """Who a base is said to hold ("two bases in Iraq hosting U.S. forces"): the target before the base."""
    if noun.lemma_.lower() not in BASE_NOUNS:
        return ()
    return tuple(object_head(o) for acl in children(noun) if acl.dep_ in ("acl", "relcl") and
                 acl.lemma_.lower() in GARRISON_VERBS for o in children(acl) if o.dep_ == "dobj")


def agent_of(verb):
    for c in children(verb):
        if c.dep_ == "agent":
            for p in children(c):
                if p.dep_ == "pobj":
                    return object_head(p)
    return None


def noun_targets(noun) -> list:
    """Targets of an event noun: its prepositional phrases ("strikes on Iran", "talks with China"), then the
    victims of a relative clause ("a bombing that killed 13 U.S. service members")."""
    victims = []
    for c in children(noun):
        if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
            obj = direct_object(c)
            if obj is not None:
                victims.append(obj)
    out = [(prep, p) for prep, p in sorted(prepositional_objects(noun), key=lambda x: TARGET_PREPS.index(x[0]))]
    forceful = noun.lemma_.lower() in FORCE_NOUNS
    return victims + [p for prep, p in out if forceful or prep not in LOCATIVE]


@per_token
def object_head(token):
    """The head noun of an object phrase, looking through quantity nouns ("one of the attacks") and amounts
    ("$700 million in support")."""
    for _ in range(3):
        lemma = token.lemma_.lower()
        if lemma in QUANTITY_NOUNS or lemma in AMOUNT_NOUNS:   # "$700 million in support": the support
            preps = ("of",) if lemma in QUANTITY_NOUNS else ("of", "in")
            of = next((c for c in children(token) if c.dep_ == "prep" and c.lower_ in preps), None)
            pobj = next((c for c in children(of) if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is None:
                return token
            token = pobj
        else:
            return token
    return token


@per_token
def direct_object(verb):
    """The direct object of a verb, or the passive subject ("sanctions were imposed"), or the noun a free relative
    in its place names ("struck what it described as weapons depots": the depots)."""
    for c in children(verb):
        if c.dep_ in ("ccomp", "dobj") and c.pos_ == "VERB":
            named = named_by_free_relative(c)
            if named is not None:
                return named
    for c in children(verb):
        if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass":
            return object_head(c)
    for c in children(verb):   # the small model sometimes attaches a bare object noun as an adverb
        if c.dep_ in ("advmod", "npadvmod") and c.pos_ == "NOUN" and c.i == verb.i + 1:
            return c
    subjects = [c for c in children(verb) if c.dep_ == "nsubj"]
    if len(subjects) == 2 and subjects[0].i < verb.i < subjects[1].i:
        return object_head(subjects[1])   # "it had detained reporter Evan Gershkovich": a second subject after it
    return None


# Participles that name whose a thing is ("ships owned by", "vessels operated by", "a tanker chartered by").
OWNING = frozenset({"own", "operate", "charter", "run", "flag", "register", "manage"})


def phrase_and_inner(head, depth: int = 3, venues: frozenset[str] = frozenset()):
    """A phrase head, then the heads of the phrases nested in it by prepositions, breadth first. The place
    phrase of a `venues` noun ("signed an agreement in South Africa") says where the act was: not looked into."""
    queue, seen = [(head, 0)], set()
    while queue:
        tok, d = queue.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        yield tok
        if d >= depth:
            continue
        for c in children(tok):
            if c.dep_ == "prep" and c.lower_ in INNER_PREPS and \
                    not (c.lower_ in LOCATIVE and tok.lemma_.lower() in venues) and \
                    not (c.lower_ == "of" and tok.lemma_.lower() in COUNTERPART_HEADS):   # "the allies of Russia"
                for p in children(c):
                    if p.dep_ == "pobj":
                        queue.append((p, d + 1))
                    elif p.dep_ == "pcomp":   # "on what it called terrorist infrastructure at nine sites"
                        queue.extend((x, d + 1) for x in children(p) if x.dep_ in ("dobj", "oprd", "prep"))
            elif c.dep_ == "appos":   # "denounced as an ugly crime Serbia's suppression of ..."
                queue.append((c, d + 1))
            elif c.dep_ == "acl" and c.pos_ == "VERB":   # "allegations linking Indian agents", "goods imported from"
                # ... and "ships owned or operated by Israeli companies": the owner
                queue.extend((x, d + 1) for x in children(c) if x.dep_ in ("dobj", "prep") or
                             (x.dep_ == "agent" and c.lemma_.lower() in OWNING))
                queue.extend((x, d + 1) for v in children(c) if v.dep_ == "conj" and v.lemma_.lower() in OWNING
                             for x in children(v) if x.dep_ == "agent")   # "owned or operated by"
        if tok.dep_ in ("prep", "agent"):   # a preposition queued from a clause: continue into its object
            queue.extend((p, d + 1) for p in children(tok) if p.dep_ == "pobj")


def own_clause(head) -> list:
    """The tokens of a clause without its appositions, relative clauses and adverbial clauses (a new list:
    callers may extend it)."""
    return list(_own_clause(head))


@per_token
def _own_clause(head) -> tuple:
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in children(t) if c.dep_ not in ("appos", "relcl", "advcl", "acl", "parataxis")
                     and not (c.dep_ == "conj" and any(x.dep_ in ("nsubj", "nsubjpass") for x in children(c))))
    return tuple(out)


def has_conditional_clause(trigger) -> bool:
    """Does the act carry its own "if" / "unless" clause?"""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in children(c))
               for c in children(trigger))


def has_prep(tokens, word: str) -> bool:
    """Does any of the tokens govern the preposition `word`?"""
    return any(c.dep_ == "prep" and c.lower_ == word for tok in tokens if tok is not None for c in children(tok))


@per_token
def token_extent(token) -> tuple[int, int] | None:
    """The token range [start, end) of a clause's subtree."""
    if token is None:
        return None
    sub = list(token.subtree)
    return sub[0].i, sub[-1].i + 1


def victim_count(verb) -> int:
    """The number in the object phrase ("killed more than 460 patients" -> 460), 0 when none."""
    obj = direct_object(verb)
    if obj is None:
        return 0
    best = 0
    for t in obj.subtree:
        if t.like_num:
            try:
                best = max(best, int(float(t.text.replace(",", ""))))
            except ValueError:
                continue
    return best


def clause_verb(token):
    """The verb of the clause a token sits in."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def conj_root(token):
    while token.dep_ == "conj":
        token = token.head
    return token


def proper_name(token) -> str:
    """The full proper name a PROPN token heads or belongs to ("Abu Dhabi", "South Carolina")."""
    left, sent_start = token, sentence_bounds(token)[0]
    while left.i > sent_start and left.doc[left.i - 1].pos_ == "PROPN" and left.doc[left.i - 1].dep_ == "compound" \
            and left.doc[left.i - 1].head.i >= token.i:
        left = left.doc[left.i - 1]
    right = token
    while right.dep_ == "compound" and right.head.pos_ == "PROPN" and right.head.i == right.i + 1:
        right = right.head
    return token.doc[left.i:right.i + 1].text


def phrase_text(tokens) -> str:
    """The text of a phrase from its first to its last token."""
    if not tokens:
        return ""
    first, last = tokens[0], tokens[-1]
    text = span_text(first.doc, first.i, last.i + 1)
    # (a short phrase loses all its trailing white space, a long one only its last token's, as in spaCy's Span.text)
    return text.rstrip() if last.i - first.i < 12 else text


def named_by_free_relative(verb):
    """"launched what it calls a special military operation", "strikes on what it said were militant hideouts":
    a naming verb whose "what" (its own object, or its clause's subject) comes first, in the place of an object
    of the verb or preposition before it, names the noun that fills that place: the noun, or None."""
    if verb.lemma_.lower() not in NAMING_VERBS or verb.dep_ not in ("ccomp", "pcomp", "dobj", "pobj") or \
            verb.head.pos_ not in ("VERB", "ADP") or verb.head.i > verb.i:
        return None
    clause = next((c for c in children(verb) if c.dep_ == "ccomp" and c.lemma_ == "be"), None)
    what = next((c for c in children(clause or verb) if c.tag_ == "WP" and c.lower_ == "what" and
                 c.dep_ in ("dobj", "nsubj") and c.i < verb.i), None)
    if what is None or what.i != verb.left_edge.i:
        return None
    if clause is not None:
        return next((c for c in children(clause) if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")), None)
    named = next((c for c in children(verb) if c.dep_ in ("oprd", "attr") and c.pos_ in ("NOUN", "PROPN")), None)
    if named is None:
        as_ = next((c for c in children(verb) if c.dep_ == "prep" and c.lower_ == "as"), None)
        named = next((c for c in children(as_) if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) \
            if as_ is not None else None
    return named


def to_blame(verb) -> bool:
    """"Ukrainian forces were to blame": the subject is blamed (by whoever says so), it blames no one."""
    return verb.lemma_.lower() == "blame" and verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb))
