#!/usr/bin/env python3
"""Writes a national-scale fictional SEN2 file: N persons (default 640,000)
with realistic requests, assessments, named plans, placements and needs.

    python3 bench/sen2/gen.py [N] > /tmp/sen2-national.xml

Deterministic (fixed seed). Every name, number and date is invented."""
import random
import sys
from datetime import date, timedelta

n = int(sys.argv[1]) if len(sys.argv) > 1 else 640000
rnd = random.Random(2025)
out = sys.stdout
w = out.write
needs = ["ASD"] * 33 + ["SLCN"] * 21 + ["SEMH"] * 15 + ["MLD"] * 10 + ["SPLD"] * 4 + ["SLD"] * 4 + ["PMLD"] * 1 + \
        ["PD"] * 3 + ["HI"] * 2 + ["VI"] * 1 + ["MSI"] * 1 + ["DS"] * 1 + ["OTH"] * 4
forenames = ["Amelia", "Noah", "Isla", "Leo", "Freya", "Arlo", "Maya", "Theo", "Ivy", "Finn", "Zara", "Oscar"]
surnames = ["Ashdown", "Brightwell", "Carrow", "Dunmore", "Elstow", "Fennick", "Greave", "Holloway", "Ingram", "Jessop"]
base = date(2024, 1, 1).toordinal()
# UPNs in no particular order, as in a council's real file (a list sorted by
# name, say): an import then inserts them at random places in its UPN index.
upns = random.Random(7).sample(range(10 ** 11), n)

def d(o):
    return date.fromordinal(o).isoformat()

w('<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><CollectionDetails><Collection>SEN2</Collection>'
  '<Year>2025</Year><ReferenceDate>2025-01-16</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel>'
  '<LEA>991</LEA><SoftwareCode>bench</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo>'
  '<DateTime>2025-01-20T10:00:00</DateTime></Source></Header><Persons>\n')
for i in range(n):
    birth = base - rnd.randint(365 * 2, 365 * 24)
    parts = ['<Person><Surname>', surnames[i % 10], '</Surname><Forename>', forenames[i % 12], '</Forename><PersonBirthDate>',
             d(birth), '</PersonBirthDate><Sex>', 'MF'[i % 3 == 0], '</Sex><Ethnicity>WBRI</Ethnicity><PostCode>ZZ99 3WZ</PostCode>']
    if i % 50 == 0:
        parts.append('<UPNunknown>UN2</UPNunknown>')
    else:
        parts.append('<UPN>Z%011d%d</UPN>' % (upns[i], upns[i] % 10))
    # most persons hold an older plan (active), 1 in 4 a request in 2024
    recent = i % 4 == 0
    recv = base + rnd.randint(0, 330) if recent else base - rnd.randint(400, 3000)
    parts.append('<Requests><ReceivedDate>%s</ReceivedDate><RequestSource>%d</RequestSource><RYA>0</RYA>' % (d(recv), 1 + i % 5))
    dec = recv + rnd.randint(20, 60)
    outcome = 'Y' if rnd.random() < 0.8 else 'N'
    parts.append('<RequestOutcomeDate>%s</RequestOutcomeDate><RequestOutcome>%s</RequestOutcome>' % (d(dec), outcome))
    if outcome == 'Y':
        iss = recv + rnd.randint(90, 260)
        issued = rnd.random() < 0.93
        w20 = '1' if rnd.random() < 0.06 else '0'
        parts.append('<Assessment><AssessmentOutcome>%s</AssessmentOutcome><AssessmentOutcomeDate>%s</AssessmentOutcomeDate>'
                     '<Week20>%s</Week20>' % ('Y' if issued else 'N', d(iss), w20))
        urn = 100000 + i % 20000
        if issued:
            parts.append('<NamedPlan><StartDate>%s</StartDate><PB>0</PB><PlanDetail><URN>%d</URN><PlacementRank>1</PlacementRank>'
                         '</PlanDetail></NamedPlan>' % (d(iss), urn))
        parts.append('</Assessment>')
        if issued:
            parts.append('<ActivePlans><ReviewMeeting>%s</ReviewMeeting><LastReview>%s</LastReview><PlacementDetail><URN>%d</URN>'
                         '<PlacementRank>1</PlacementRank><EntryDate>%s</EntryDate></PlacementDetail><SENneed><SENtype>%s</SENtype>'
                         '<SENtypeRank>1</SENtypeRank></SENneed></ActivePlans>'
                         % (d(iss + 300), d(iss + 300 + rnd.randint(5, 45)), urn, d(iss), needs[rnd.randrange(len(needs))]))
    parts.append('</Requests></Person>\n')
    w(''.join(parts))
w('</Persons></Message>\n')
