"""The registry of coding conventions, in the order they run (see `newsevents.coding.policy`).

Each entry: a versioned id, the phase it acts in, a one-line reason, and the function in this package that
applies it. A changed behaviour gets a new version (`.v2`) rather than a silent edit, so that stored events'
evidence keeps meaning what it said. `tests/coding/conventions.txt` pins this list.
"""
from __future__ import annotations

from newsevents.coding.conventions import codes, derived, pairs, speech, targets
from typing import Iterable

from newsevents.coding.policy import Convention, Policy

CONVENTIONS: tuple[Convention, ...] = (
    Convention("target.conjoined-verb-object.v1", "actors",
               "a conjoined verb without its own subject shares the first verb's object", targets.conjoined_verb_object),
    Convention("speech.threat-cue.v1", "targets",
               "a statement whose own clause promises retaliation or a price is a threat (130)", speech.threat_cue),
    Convention("speech.accusation-cue.v1", "targets",
               "a statement that calls another responsible or guilty is an accusation (112)", speech.accusation_cue),
    Convention("speech.criticism-cue.v1", "targets",
               "a statement that calls another's act unacceptable, illegal or brutal is a criticism (111)",
               speech.criticism_cue),
    Convention("speech.demand-must.v1", "targets",
               "\"said X must ...\" is a demand (100) on X", speech.demand_must),
    Convention("speech.complement-target.v1", "targets",
               "a statement is aimed at the other actor its complement names", speech.complement_target),
    Convention("protest.aimed-at.v1", "targets",
               "a protest is aimed at whom its clauses name, before the place it fills", targets.protest_aimed_at),
    Convention("intent.target-in-complement.v1", "targets",
               "an intent or threat is aimed at the actor named in what is intended", targets.target_in_complement),
    Convention("condemnation.perpetrator.v1", "targets",
               "condemning or investigating an act is aimed at whoever carried it out",
               targets.perpetrator_of_condemned_act),
    Convention("speech.addressee-from-context.v1", "targets",
               "a speech act with no addressee is aimed at the other actor in view", speech.addressee_from_context),
    Convention("role.country-from-place.v1", "targets",
               "an actor named only by its role belongs to the country where the event happened",
               targets.country_from_place),
    Convention("restriction.people-of-place.v1", "targets",
               "curfews and emergencies imposed or lifted in a place concern its people", targets.restriction_people),
    Convention("force.people-of-place.v1", "targets",
               "force or protest with no named target is aimed at the country where it happened",
               targets.people_of_place),
    Convention("accusation.accusers-victims.v1", "targets",
               "unnamed victims of an accused act are the accuser's people", targets.accusers_victims),
    Convention("ethnic.minority-of-place.v1", "targets",
               "an ethnic minority belongs to the country it lives in", targets.ethnic_minority),
    Convention("police.act-at-home.v1", "targets",
               "the police's unnamed counterparts are of the police's own country", targets.police_at_home),
    Convention("role.source-country-from-target.v2", "targets",
               "a role-only source belongs to its target's country (a domestic event; not for violence)",
               targets.source_country_from_target),
    Convention("role.target-country-from-source.v1", "targets",
               "a role-only target belongs to its source's country (not for violence)",
               targets.target_country_from_source),
    Convention("pairs.reciprocal.v1", "pairs",
               "several sources of a reciprocal verb with no object act on one another", pairs.reciprocal_parties),
    Convention("pairs.joint-act.v1", "pairs",
               "several sources of a joint act with no target are its partners", pairs.joint_partners),
    Convention("protest.home-government.v1", "pairs",
               "a protest with no named target is aimed at its own country's government", pairs.home_government),
    Convention("pairs.named-counterpart.v1", "pairs",
               "an act that could stand alone is aimed at the other actor its own clause names",
               pairs.named_counterpart),
    Convention("pairs.story-country.v1", "pairs",
               "a foreign pledge or aid that names no beneficiary is for the country of the story's dateline",
               pairs.story_country),
    Convention("pairs.one-sided.v2", "pairs",
               "roots that stand without a target make one-actor events, unless the sentence names another actor",
               pairs.one_sided),
    Convention("violence.mass-killing.v1", "codes",
               "killing a hundred people or more in one act is mass violence (202)", codes.mass_killing),
    Convention("violence.armed-group.v1", "codes",
               "claimed attacks, and rebels attacking a place's people, are unconventional violence (180)",
               codes.armed_group_violence),
    Convention("drills.joint.v1", "codes",
               "drills held jointly or with a partner are military cooperation (062)", codes.joint_drills),
    Convention("place.target-country.v1", "codes",
               "a use of force with no place named happened in its target's country", codes.place_of_target),
    Convention("place.dateline.v1", "codes",
               "an act with no place of its own happened where the story was filed (its dateline)",
               codes.story_place),
    Convention("domestic.two-roles.v1", "filter",
               "a domestic event needs two distinct roles, and statements are not domestic events",
               pairs.domestic_needs_two_roles),
    Convention("negated.refusal.v2", "derive",
               "a cooperative act its actor will not or would not do, or refused, is a refusal (12)",
               derived.refusal),
    Convention("future.announced-intent.v1", "derive",
               "a future cooperative act announced by its own side is an intent (03)", derived.announced_intent),
    Convention("future.announced-threat.v1", "derive",
               "a future hostile act announced by its own side is a threat (13)", derived.announced_threat),
    Convention("statement.attribution-only.v1", "sentence",
               "a plain statement that only attributes another actor's reported act is dropped",
               speech.attribution_only),
    Convention("future.threat-over-intent.v1", "sentence",
               "a vow that is a threat is not also a bare intent (030)", derived.threat_over_intent),
)


def default_policy(disabled: Iterable[str] = ()) -> Policy:
    """The registry less the conventions switched off (raises `UnknownConvention` for an unknown id)."""
    return Policy(CONVENTIONS, disabled)
