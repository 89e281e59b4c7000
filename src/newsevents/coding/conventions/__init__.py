"""The registry of coding conventions, in the order they run (see `newsevents.coding.policy`).

Each entry: a versioned id, the phase it acts in, a one-line reason, and the function in this package that
applies it. A changed behaviour gets a new version (`.v2`) rather than a silent edit, so that stored events'
evidence keeps meaning what it said. `tests/coding/conventions.txt` pins this list.
"""
from __future__ import annotations

from newsevents.coding.conventions import codes, derived, pairs, speech, story, targets
from typing import Iterable

from newsevents.coding.policy import Convention, Policy

CONVENTIONS: tuple[Convention, ...] = (
    Convention("custody.implied-authorities.v2", "sources",
               "an arrest, detention or deportation with no \"by\" phrase is the state's (the police there)",
               targets.implied_authorities),
    Convention("target.conjoined-verb-object.v4", "actors",
               "a joined verb with no addressee or subject shares the first's object (not a condemned act); a "
               "statement, the appeal's", targets.conjoined_verb_object),
    Convention("claim.own-act.v1", "targets",
               "an act its own actor claims to have done (\"claimed to have struck\") is asserted, as a claim of "
               "responsibility is", speech.claimed_own_act),
    Convention("force.attempt-is-the-act.v1", "targets",
               "force its actor tried or attempted to use (\"tried to assassinate\") was used, as CAMEO codes attempts",
               speech.attempted_force),
    Convention("decision.measure-taken.v1", "targets",
               "a measure that takes effect by decision (sanctions, cutting ties), agreed or decided by one actor, "
               "is taken", speech.decided_measure),
    Convention("speech.named-perpetrator.v1", "targets",
               "calling an act a crime \"masterminded by\" or \"carried out by\" someone accuses them (112)",
               speech.named_perpetrator),
    Convention("speech.threat-cue.v5", "targets",
               "a statement or vow whose clause promises retaliation or a price, ahead or if, not ruled out "
               "nor diplomatic, threatens",
               speech.threat_cue),
    Convention("speech.accusation-cue.v4", "targets",
               "a statement calling another responsible, guilty or to blame in a clause said (not \"officials "
               "responsible for\") accuses",
               speech.accusation_cue),
    Convention("speech.criticism-cue.v6", "targets",
               "a statement calling another's act unacceptable or not legal in a clause it asserts (not force's "
               "object) criticises",
               speech.criticism_cue),
    Convention("speech.demand-must.v3", "targets",
               "\"said X must ...\" is a demand (100) on X (a rebel's government too), \"should\" an appeal (020)",
               speech.demand_must),
    Convention("speech.complement-target.v2", "targets",
               "a statement is aimed at the other actor its complement names (not the speaker's own country)",
               speech.complement_target),
    Convention("protest.aimed-at.v1", "targets",
               "a protest is aimed at whom its clauses name, before the place it fills", targets.protest_aimed_at),
    Convention("intent.target-in-complement.v2", "targets",
               "an intent, a threat or a show of force is aimed at the actor named in what is intended (\"to deter "
               "Iran\")", targets.target_in_complement),
    Convention("threat.target-in-condition.v1", "targets",
               "force or coercion made conditional on another actor's act (\"if Hezbollah violates ...\") is aimed "
               "at it",
               speech.target_in_condition),
    Convention("receipt.giver-is-source.v1", "targets",
               "what is received from someone (aid, weapons, backing) is their act towards the receiver",
               targets.giver_of_received),
    Convention("release.captor.v1", "targets",
               "demanding a release that names no one is aimed at whoever the article last said seized or abducted",
               targets.captor_of_demanded_release),
    Convention("claim.victims-of-act.v1", "targets",
               "a claimed attack that names no one is aimed at whoever the article last said suffered violence",
               targets.victims_of_claimed_act),
    Convention("endorsement.measure-taker.v1", "targets",
               "welcoming a hostile measure (\"the warrants against X\") approves whoever took it, not its target",
               targets.doer_of_welcomed_measure),
    Convention("rejection.accuser.v1", "targets",
               "rejecting or denying an accusation answers whoever the article last said accused or criticised",
               targets.accuser_of_rejected_charge),
    Convention("target.those-responsible.v1", "targets",
               "\"those responsible\", \"the perpetrators\" are whoever the article last said used force",
               targets.those_responsible),
    Convention("condemnation.perpetrator.v8", "targets",
               "condemning or backing an act (not a deal) is aimed at who the article said did it or that kind "
               "(condemning: else force)",
               targets.perpetrator_of_condemned_act),
    Convention("endorsement.deal-parties.v4", "targets",
               "welcoming, condemning or brokering a deal naming no one is aimed at its parties (\"mediated by X\": "
               "the clause's)",
               targets.parties_of_endorsed_deal),
    Convention("defiance.own-government.v1", "targets",
               "defying an order, a curfew or a ban that names no maker is aimed at the defiers' own government",
               targets.defied_rule_maker),
    Convention("speech.addressee-from-context.v5", "targets",
               "a speech act with no addressee (nor \"foreign powers\") aims at another actor in view, no outlet; "
               "a denial at its accuser",
               speech.addressee_from_context),
    Convention("role.country-from-place.v6", "targets",
               "a role-only actor is of where it acts, else of the story's country; not foreign police, nor an "
               "unknown group's",
               targets.country_from_place),
    Convention("restriction.people-of-place.v2", "targets",
               "curfews and emergencies imposed or lifted in a place concern its people; with no place, the state's "
               "own", targets.restriction_people),
    Convention("force.people-of-place.v1", "targets",
               "force or protest with no named target is aimed at the country where it happened",
               targets.people_of_place),
    Convention("accusation.accusers-victims.v1", "targets",
               "unnamed victims of an accused act are the accuser's people", targets.accusers_victims),
    Convention("ethnic.minority-of-place.v1", "targets",
               "an ethnic minority belongs to the country it lives in", targets.ethnic_minority),
    Convention("police.act-at-home.v2", "targets",
               "the police's unnamed counterparts are of the police's own country; not migrants or foreigners",
               targets.police_at_home),
    Convention("role.source-country-from-target.v6", "targets",
               "a role-only source belongs to its target's country (not for violence or arrests, a foreign source, "
               "an IGO)",
               targets.source_country_from_target),
    Convention("relations.counterpart.v1", "targets",
               "cutting relations, or recalling one's own envoy, with no other country named is aimed at the "
               "article's counterpart", targets.relations_counterpart),
    Convention("posture.border-counterpart.v1", "targets",
               "a show of force at a border, with no other country named, faces the article's counterpart",
               targets.border_posture_counterpart),
    Convention("role.target-country-from-source.v2", "targets",
               "a role-only target belongs to its source's country (not for violence)",
               targets.target_country_from_source),
    Convention("pairs.each-other.v2", "pairs",
               "several sources acting on \"each other\" or \"one another\" (\"each side ... the other\") act on one "
               "another, both ways",
               pairs.each_other),
    Convention("pairs.reciprocal.v1", "pairs",
               "several sources of a reciprocal verb with no object act on one another", pairs.reciprocal_parties),
    Convention("pairs.joint-act.v1", "pairs",
               "several sources of a joint act with no target are its partners", pairs.joint_partners),
    Convention("protest.home-government.v3", "pairs",
               "a protest with no named target is aimed at its own government (not a state's, nor its forces' "
               "obstruction)",
               pairs.home_government),
    Convention("pairs.named-counterpart.v4", "pairs",
               "a lone act aims at another actor its clause, or the clause before a semicolon, names (not a joined "
               "verb's, a border's)",
               pairs.named_counterpart),
    Convention("pairs.story-country.v2", "pairs",
               "a foreign pledge, aid or appeal that names no beneficiary is for the country of the story's dateline",
               pairs.story_country),
    Convention("pairs.home-country.v1", "pairs",
               "an act that stands without a target, by one country's actors at home, is aimed at that country",
               pairs.home_country),
    Convention("pairs.one-sided.v2", "pairs",
               "roots that stand without a target make one-actor events, unless the sentence names another actor",
               pairs.one_sided),
    Convention("violence.mass-killing.v1", "codes",
               "killing a hundred people or more in one act is mass violence (202)", codes.mass_killing),
    Convention("violence.armed-group.v1", "codes",
               "claimed attacks, and rebels attacking a place's people, are unconventional violence (180)",
               codes.armed_group_violence),
    Convention("violence.state-bombing.v2", "codes",
               "a state's or a military alliance's bombing is a military one, by air (195), not a non-military one "
               "(183)",
               codes.state_bombing),
    Convention("warning.of-a-fact.v3", "codes",
               "a warning that something has happened or another side is doing, or of a danger, reports it (012)",
               codes.warning_of_fact),
    Convention("seizure.territory.v1", "codes",
               "seizing a named town or land (\"seized Damascus\") is occupying territory (192), not seizing property",
               codes.territory_taken),
    Convention("violence.riot.v3", "codes",
               "civilians' violence and protesters' damage to property are a riot (145); armed men storming "
               "assault (190)", codes.riot),
    Convention("clash.verbal.v1", "codes",
               "a clash in a meeting or debate, or between office holders and politicians only, is a row (111), not "
               "fighting", codes.verbal_clash),
    Convention("peacekeeping.arrival.v1", "codes",
               "peacekeepers arriving in a country provide peacekeeping (074), not a visit", codes.peacekeepers_arrive),
    Convention("obstruction.institution-rejects.v1", "codes",
               "a court or legislature blocking a deployment, a law or a result rejects it (120), aimed at its "
               "government", codes.institution_blocks),
    Convention("protest.official-complaint.v2", "codes",
               "a protest by a state, its government or a body of states is an official complaint (114), not a "
               "demonstration (141)",
               codes.official_protest),
    Convention("act.with-means.v1", "codes",
               "a reaction \"with\" an act (\"responded with artillery fire\") is that act", codes.reaction_with_means),
    Convention("yield.self-restraint.v1", "codes",
               "restricting, freezing or destroying one's own programme or arms is yielding (080), not coercion",
               codes.self_restraint),
    Convention("drills.joint.v2", "codes",
               "drills held jointly or with a partner, and operations with another's forces, are military cooperation "
               "(062)", codes.joint_drills),
    Convention("place.target-country.v1", "codes",
               "a use of force with no place named happened in its target's country", codes.place_of_target),
    Convention("place.dateline.v1", "codes",
               "an act with no place of its own happened where the story was filed (its dateline)",
               codes.story_place),
    Convention("domestic.two-roles.v2", "filter",
               "a domestic event needs two distinct roles, and statements (not appeals) are not domestic events",
               pairs.domestic_needs_two_roles),
    Convention("incursion.armed-only.v1", "filter",
               "crossing into or entering someone's land is an incursion (192) by armed forces only, not migrants' or "
               "visitors'", pairs.unarmed_crossing),
    Convention("protest.not-armed-forces.v1", "filter",
               "armed forces marching or rallying are on the move, not protesting", pairs.armed_forces_moving),
    Convention("retreat.not-from-an-undertaking.v1", "filter",
               "withdrawing from a race, a series, a conference or a project is no military retreat",
               pairs.left_an_undertaking),
    Convention("warning.advice-to-own-people.v1", "filter",
               "warning one's own people to do or not do something is advice, not a threat",
               pairs.advice_to_own_people),
    Convention("command.own-forces.v1", "filter",
               "a government's order to its own forces or police is a command inside the state, not a demand (10)",
               pairs.command_to_own_forces),
    Convention("act.by-means.v1", "filter",
               "a reaction whose \"by\" clause says what was done (\"retaliated by recalling\") is that act alone",
               pairs.said_by_its_means),
    Convention("negated.refusal.v4", "derive",
               "a cooperative act its actor will not or would not do, or refused (as a fact), is a refusal (12); not "
               "by \"no one\"",
               derived.refusal),
    Convention("future.announced-intent.v1", "derive",
               "a future cooperative act announced by its own side is an intent (03)", derived.announced_intent),
    Convention("future.announced-threat.v3", "derive",
               "a future hostile act announced by its side is a threat (13); a sanction announced as decided is done",
               derived.announced_threat),
    Convention("statement.denied-allegation.v1", "sentence",
               "a hostile act only its victim's side reports, and its actor's side denies, is alleged",
               speech.denied_allegation),
    Convention("statement.reported-attack-accuses.v2", "sentence",
               "a plain statement that another side used force on the speaker's country accuses that side (112)",
               speech.reported_attack_accuses),
    Convention("statement.attribution-only.v2", "sentence",
               "a plain statement that only attributes another actor's reported act is dropped (not for a reply "
               "joined after it)",
               speech.attribution_only),
    Convention("protest.implied-by-repression.v1", "sentence",
               "force or repression used on protesters says they protested: at the embassy's country named, else at "
               "their government", derived.protest_of_repressed),
    Convention("future.threat-over-intent.v2", "sentence",
               "a vow that is a threat, or an agreement that takes a measure, is not also a bare intent (030)",
               derived.threat_over_intent),
    Convention("pairs.aimed-needs-target.v1", "output",
               "force, coercion, cutting ties or a show of force with no target found while another side is in "
               "view: no event",
               pairs.aimed_without_target),
    Convention(story.HEADLINE_DATE, "article",
               "an undated headline act takes the day of the same act (same sides, same root) in the lead paragraph",
               story.headline_from_lead),
)


def default_policy(disabled: Iterable[str] = ()) -> Policy:
    """The registry less the conventions switched off (raises `UnknownConvention` for an unknown id)."""
    return Policy(CONVENTIONS, disabled)
